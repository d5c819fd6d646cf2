package io.engram.family.secondorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.layers.automaton.AutomatonExtraction;
import io.engram.layers.automaton.Dfa;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference result of Giles et al. (1992): a second-order network of 4 state neurons learns Tomita
 * grammars 1, 2 and 4 from strings of at most 10 symbols and classifies strings of up to 30 symbols;
 * the automaton extracted from its quantised states and minimised accepts exactly the grammar's
 * language. Trained by BPTT through the {@link Trainer} interface on the grammar application's
 * {@code tomita} task. The extracted automaton is checked twice: by the application's metrics
 * (agreement with the grammar's reference automaton on every string up to 12 symbols, and equality
 * of minimal automata), and here against the grammar written as a regular expression, independent
 * of the application, on all {@code 2^13 - 1} strings of length 0 to 12.
 */
class SecondOrderReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final int LONGEST_CHECKED = 12;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @ParameterizedTest(name = "Tomita grammar {0}: {1}, minimal automaton of {2} states")
    @CsvSource(delimiter = ';', value = {"1; 1*; 2", "2; (10)*; 3", "4; (?!.*000).*; 4"})
    void learnsTheGrammarAndYieldsItsAutomaton(int grammar, String language, int minimalStates) {
        Application app = new GrammarApplication();
        TaskData data = app.load(app.schema().validate(Map.of("task", "tomita", "grammar", String.valueOf(grammar),
                "train.size", "300", "validation.size", "100", "test.size", "1000",
                "train.max.length", "10", "test.max.length", "30"), "data.").get(), 1).get();
        assertEquals(10, longest(data.train().sequences()) - 1, "longest training string");
        assertEquals(30, longest(data.test().sequences()) - 1, "longest test string");
        Network net = trained(data, app);

        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), data.test());
        System.out.println("Tomita " + grammar + ", test strings up to 30 symbols: " + test);
        assertTrue(test.get("accuracy") >= 0.99, "accuracy " + test.get("accuracy"));
        assertEquals(1.0, test.get("automaton.agreement"), 0.0);
        assertEquals(1.0, test.get("automaton.equivalent"), 0.0);
        assertEquals(minimalStates, test.get("automaton.states"), 0.0);

        Dfa extracted = AutomatonExtraction.extract(net, BACKEND.ops(), new double[][] {{1, 0, 0}, {0, 1, 0}},
                new double[] {0, 0, 1}, out -> out[0] > 0.5, new AutomatonExtraction.Settings(10, 5, 300))
                .orElseThrow().automaton();
        assertEquals(minimalStates, extracted.states(), extracted.toString());
        assertEquals((1 << (LONGEST_CHECKED + 1)) - 1, checkAll(extracted, Pattern.compile(language)),
                "strings of length 0 to 12 checked");
    }

    private static Network trained(TaskData data, Application app) {
        SecondOrderFamily family = new SecondOrderFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4"), "model.").get();
        Network net = family.create(new ModelSpec("second-order", data.inputSize(), data.outputSize(), DType.F32, h),
                BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "100", "batch.size", "10", "lr", "0.05",
                        "target.metric", "loss", "target.value", "1e-4"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        System.out.println(r.epochs() + " epochs: " + r.stopReason());
        return net;
    }

    private static int longest(java.util.List<Sequence> sequences) {
        return sequences.stream().mapToInt(Sequence::length).max().orElse(0);
    }

    /**
     * Checks that {@code dfa} accepts exactly the strings of {@code language} among all of length 0
     * to {@value #LONGEST_CHECKED}, failing at the first disagreement; returns the number checked.
     */
    private static int checkAll(Dfa dfa, Pattern language) {
        int checked = 0;
        for (int n = 0; n <= LONGEST_CHECKED; n++) {
            for (int bits = 0; bits < 1 << n; bits++) {
                int[] string = new int[n];
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    string[i] = (bits >> (n - 1 - i)) & 1;
                    text.append(string[i]);
                }
                assertEquals(language.matcher(text).matches(), dfa.accepts(string), "string '" + text + "'");
                checked++;
            }
        }
        return checked;
    }
}
