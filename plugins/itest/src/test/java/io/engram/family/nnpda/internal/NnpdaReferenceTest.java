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
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The headline of Sun, Giles, Chen and Lee (1993): a neural network pushdown automaton learns
 * balanced parentheses from short strings and classifies longer ones. Trained by BPTT through the
 * {@link Trainer} interface on the grammar application's {@code dyck} task (strings of at most
 * {@value #TRAIN_LENGTH} symbols), tested on strings of {@value #TRAIN_LENGTH} + 2 to
 * {@value #TEST_LENGTH} symbols, beside an LSTM of about the same number of parameters trained the
 * same way on the same data: the NNPDA classifies at least 99% of the longer strings (all of them,
 * at this seed), the LSTM fewer (92.0% at this seed), though both classify every training string.
 */
class NnpdaReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final int TRAIN_LENGTH = 8;
    private static final int TEST_LENGTH = 60;
    /** Stack elements: one per step of the longest test string (its symbols, the start and end symbols). */
    private static final String CAPACITY = String.valueOf(TEST_LENGTH + 2);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void learnsBalancedParenthesesAndClassifiesLongerStrings() {
        Application app = new GrammarApplication();
        TaskData data = app.load(app.schema().validate(Map.of("task", "dyck", "train.size", "200",
                "validation.size", "50", "test.size", "300", "train.max.length", String.valueOf(TRAIN_LENGTH),
                "test.max.length", String.valueOf(TEST_LENGTH)), "data.").get(), 1).get();
        assertEquals(TRAIN_LENGTH + 2, longest(data.train().sequences()), "longest training sequence");

        Network nnpda = trained(new NnpdaFamily(), Map.of("hidden", "3", "capacity", CAPACITY), data, app);
        Network lstm = trained(new LstmFamily(), Map.of("hidden", "7"), data, app);
        double a = app.evaluate(nnpda, BACKEND.ops(), data.test()).get("accuracy");
        double b = app.evaluate(lstm, BACKEND.ops(), data.test()).get("accuracy");
        System.out.printf("dyck, test strings of %d-%d symbols: nnpda %.3f (%d parameters), lstm %.3f (%d parameters)%n",
                TRAIN_LENGTH + 2, TEST_LENGTH, a, size(nnpda), b, size(lstm));
        assertTrue(a >= 0.99, "nnpda accuracy " + a);
        assertTrue(a > b, "nnpda accuracy " + a + " not above the lstm's " + b);
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
