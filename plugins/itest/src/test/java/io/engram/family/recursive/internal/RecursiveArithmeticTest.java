package io.engram.family.recursive.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.trees.internal.TreesApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A recursive network trained by backpropagation through structure (the bptt trainer over the
 * post-order linearisation) evaluates arithmetic expression trees deeper than any it was trained on:
 * the {@code trees} application's expressions modulo {@value #MODULUS}, trained on depths 1 to
 * {@value #TRAIN_DEPTH}, tested on depths {@value #TEST_MIN} to {@value #TEST_MAX}. Beside it an
 * LSTM of more parameters reads the same linearisation with the same training; the value of the
 * whole expression (the root's label) is the figure. Seeded: the recursive network gets 0.915 of
 * the deeper expressions right (0.994 of their nodes), the LSTM 0.285 (chance is 1/3), though both
 * fit the training expressions.
 */
class RecursiveArithmeticTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final int MODULUS = 3;
    private static final int TRAIN_DEPTH = 3;
    private static final int TEST_MIN = 4;
    private static final int TEST_MAX = 5;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void evaluatesExpressionsDeeperThanAnySeenInTraining() {
        Application app = new TreesApplication();
        TaskData data = app.load(app.schema().validate(Map.of("modulus", String.valueOf(MODULUS),
                "depth.max", String.valueOf(TRAIN_DEPTH), "test.depth.min", String.valueOf(TEST_MIN),
                "test.depth.max", String.valueOf(TEST_MAX), "train.size", "400", "validation.size", "50",
                "test.size", "200"), "data.").get(), 1).get();
        Network recursive = trained(new RecursiveFamily(), Map.of("hidden", "16", "capacity", "16"), data, app);
        Network lstm = trained(new LstmFamily(), Map.of("hidden", "16"), data, app);
        double a = app.evaluate(recursive, BACKEND.ops(), data.test()).get("root.accuracy");
        double b = app.evaluate(lstm, BACKEND.ops(), data.test()).get("root.accuracy");
        System.out.printf("arithmetic mod %d, depths %d-%d: recursive root accuracy %.3f (%d parameters), lstm %.3f (%d)%n",
                MODULUS, TEST_MIN, TEST_MAX, a, size(recursive), b, size(lstm));
        assertTrue(a >= 0.85, "recursive root accuracy " + a);
        assertTrue(a > b + 0.3, "recursive " + a + " not well above the lstm's " + b);
    }

    private static Network trained(NetworkFamily family, Map<String, String> model, TaskData data, Application app) {
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F32, h),
                BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "16", "lr", "0.01"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        System.out.println(family.id() + ": " + r.epochs() + " epochs, training " + app.evaluate(net, BACKEND.ops(), data.train())
                + ", test " + app.evaluate(net, BACKEND.ops(), data.test()));
        return net;
    }

    private static int size(Network net) {
        return net.parameters().values().stream().mapToInt(t -> t.shape().size()).sum();
    }
}
