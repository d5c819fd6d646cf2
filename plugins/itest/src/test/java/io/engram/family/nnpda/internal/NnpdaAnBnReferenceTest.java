package io.engram.family.nnpda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The a<sup>n</sup>b<sup>n</sup> result of Das, Giles and Sun (1992) and Sun, Giles, Chen and Lee
 * (1993): a neural network pushdown automaton trained on strings with {@code n <= }{@value #TRAIN_N}
 * accepts and rejects strings with {@code n} from {@value #TRAIN_N} + 1 to {@value #TEST_N}. Trained
 * by BPTT through the {@link Trainer} interface on the grammar application's {@code anbn} task, with
 * acceptance by empty stack ({@code accept=empty-stack}) and the discrete automaton outside training
 * ({@code quantize=all}), beside an LSTM of about the same number of parameters trained the same way on
 * the same data: both classify every training string, the NNPDA at least 98% of the longer strings
 * (98.3% at this seed), the LSTM about half of them (52.0%, chance). The NNPDA pushes one element
 * per {@code a} and pops one per {@code b}: after a<sup>30</sup> its stack holds 30, after
 * a<sup>30</sup>b<sup>30</sup> nothing.
 */
class NnpdaAnBnReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final int TRAIN_N = 5;
    private static final int TEST_N = 30;
    /** Stack elements: one per step of the longest test string (a^n b^(n+2), the start and end symbols). */
    private static final String CAPACITY = String.valueOf(2 * TEST_N + 4);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void learnsAnBnAndClassifiesLongerStrings() {
        Application app = new GrammarApplication();
        TaskData data = app.load(app.schema().validate(Map.of("task", "anbn", "train.size", "200",
                "validation.size", "50", "test.size", "300", "train.max.length", String.valueOf(2 * TRAIN_N),
                "test.max.length", String.valueOf(2 * TEST_N)), "data.").get(), 1).get();
        int longest = longest(data.train().sequences());
        assertTrue(longest <= 2 * TRAIN_N + 4, "longest training sequence " + longest);

        Network nnpda = trained(new NnpdaFamily(), Map.of("hidden", "3", "capacity", CAPACITY, "accept", "empty-stack", "quantize", "all"), data, app);
        Network lstm = trained(new LstmFamily(), Map.of("hidden", "7"), data, app);
        double a = app.evaluate(nnpda, BACKEND.ops(), data.test()).get("accuracy");
        double b = app.evaluate(lstm, BACKEND.ops(), data.test()).get("accuracy");
        System.out.printf("anbn, test n = %d-%d: nnpda %.3f (%d parameters), lstm %.3f (%d parameters)%n",
                TRAIN_N + 1, TEST_N, a, size(nnpda), b, size(lstm));
        assertTrue(a >= 0.98, "nnpda accuracy " + a);
        assertTrue(a > b + 0.2, "nnpda accuracy " + a + " not well above the lstm's " + b);
        assertEquals(TEST_N, stackLength(nnpda, "a".repeat(TEST_N)), 1e-9, "stack length after a^" + TEST_N);
        assertEquals(0, stackLength(nnpda, "a".repeat(TEST_N) + "b".repeat(TEST_N)), 1e-9,
                "stack length after a^" + TEST_N + " b^" + TEST_N);
    }

    /** The stack's length after the start symbol and {@code string} (outside training). */
    private static double stackLength(Network net, String string) {
        Ops ops = BACKEND.ops();
        State state = net.initialState(ops, 1);
        for (int t = 0; t <= string.length(); t++) {
            double[] x = new double[4];
            x[t == 0 ? 3 : string.charAt(t - 1) == 'a' ? 0 : 1] = 1;
            state = net.step(ops, net.parameters(), ops.fromArray(DType.F32, Shape.of(1, 4), x), state,
                    StepContext.inference(t)).state();
        }
        return java.util.Arrays.stream(state.get(2).toDoubleArray()).sum();
    }

    private static Network trained(NetworkFamily family, Map<String, String> model, TaskData data, Application app) {
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F32, h),
                BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "150", "batch.size", "10", "lr", "0.05"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        double train = app.evaluate(net, BACKEND.ops(), data.train()).get("accuracy");
        System.out.println(family.id() + ": " + r.epochs() + " epochs, training accuracy " + train);
        assertTrue(train >= 0.99, family.id() + " training accuracy " + train);
        return net;
    }

    private static int size(Network net) {
        return net.parameters().values().stream().mapToInt(t -> t.shape().size()).sum();
    }

    private static int longest(java.util.List<Sequence> sequences) {
        return sequences.stream().mapToInt(Sequence::length).max().orElse(0);
    }
}
