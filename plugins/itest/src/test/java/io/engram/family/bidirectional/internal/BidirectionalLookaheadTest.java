package io.engram.family.bidirectional.internal;

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
import io.engram.app.algorithmic.internal.AlgorithmicApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.loss.basic.internal.SigmoidBinaryCrossEntropyLoss;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The point of Schuster and Paliwal (1997): a bidirectional network uses the future context that a
 * causal network cannot see. On the algorithmic application's {@code lookahead} task (sequences of
 * 4 to 12 random 2-bit vectors, each step tagged with the vector {@value #AHEAD} steps later), a
 * bidirectional network over two LSTMs and a forward LSTM of about the same number of parameters
 * are trained by BPTT from the same seeds on the same data: the bidirectional one tags at most 1 %
 * of the held-out bits wrongly, the forward one is left at chance (about half of them wrong).
 */
class BidirectionalLookaheadTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final String AHEAD = "2";
    private final Application app = new AlgorithmicApplication();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void bidirectionalTagsWithTheFutureWhereTheForwardNetCannot() {
        TaskData data = app.load(app.schema().validate(Map.of("task", "lookahead", "bits", "2", "ahead", AHEAD,
                "length.min", "4", "length.max", "12", "train.size", "300", "validation.size", "50",
                "test.size", "200"), "data.").get(), 1).get();
        NetworkFamily bidirectional = new BidirectionalFamily().bind(Map.of("inner", new LstmFamily()));
        Network both = trained(bidirectional, Hyperparameters.of(Map.of("features", 4, "init.scale", 1.0,
                "inner.family", "lstm", "inner.hidden", 8)), data);
        LstmFamily lstm = new LstmFamily();
        Network forward = trained(lstm, lstm.schema().validate(Map.of("hidden", "12"), "model.").get(), data);
        double a = app.evaluate(both, BACKEND.ops(), data.test()).get("bit.error.rate");
        double b = app.evaluate(forward, BACKEND.ops(), data.test()).get("bit.error.rate");
        System.out.printf("lookahead %s, test bit error rate: bidirectional lstm %.4f (%d parameters), "
                + "forward lstm %.4f (%d parameters)%n", AHEAD, a, size(both), b, size(forward));
        assertTrue(a <= 0.01, "bidirectional bit error rate " + a);
        assertTrue(b >= 0.4, "forward bit error rate " + b + ", below chance: the task leaks the future");
        assertTrue(Math.abs(size(both) - size(forward)) <= 0.1 * size(both), "parameter counts differ by over 10 %");
    }

    private static Network trained(NetworkFamily family, Hyperparameters model, TaskData data) {
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F32, model),
                BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(new SigmoidBinaryCrossEntropyLoss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "10", "lr", "0.02"))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        return net;
    }

    private static int size(Network net) {
        return net.parameters().values().stream().mapToInt(t -> t.shape().size()).sum();
    }
}
