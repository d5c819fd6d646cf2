package io.engram.family.indrnn.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reference result of Li et al. (2018), section 4.1, at a size that trains in about a minute: a
 * two-layer IndRNN solves the adding problem (Hochreiter and Schmidhuber 1997, as the grammar
 * application generates it: sequences of T to 1.1 T steps) with a mean absolute error below 0.04 on
 * fresh sequences. As in the paper, the recurrent weights are held to {@code |u| <= 2^(1/T)}, the
 * top layer's started on {@code [2^(-1/T), 2^(1/T)]}; Adam, BPTT through every step.
 *
 * <p>{@link #solvesTheAddingProblemAtT1000}: T = 1000, 16 units per layer, 2800 updates of 16
 * sequences. To learn it in that few updates (the paper trains layers of 128 units on batches of 50
 * for far more) the top layer is linear and its recurrent weights are kept in
 * {@code [2^(-1/T), 2^(1/T)]} throughout ({@code activation.top=linear},
 * {@code recurrent.hold.top=true}): with the paper's relu top layer the optimizer trades the memory
 * away, or the units die, before the relu layer below learns to pass up only the marked values.
 * {@link #solvesTheAddingProblemAtT100}: T = 100 with the paper's relu layers throughout.
 */
class IndRnnReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new GrammarApplication();
    private final Trainer trainer = new BpttTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private TaskData data(Map<String, String> params, long seed) {
        return app.load(app.schema().validate(params, "data.").get(), seed).get();
    }

    @Test
    void solvesTheAddingProblemAtT100() {
        double mae = freshError("100", Map.of("hidden", "16", "layers", "2", "recurrent.horizon", "100",
                "recurrent.init.top", "long", "init.scale", "0.5"), "30");
        assertTrue(mae < 0.04, "mae = " + mae);
    }

    @Test
    void solvesTheAddingProblemAtT1000() {
        double mae = freshError("1000", Map.of("hidden", "16", "layers", "2", "recurrent.horizon", "1000",
                "init.scale", "0.1", "activation.top", "linear", "recurrent.hold.top", "true"), "70");
        assertTrue(mae < 0.04, "mae = " + mae);
    }

    /** Trains on 640 sequences of {@code length} (seed 1), 16 a batch; the mean absolute error on 300 fresh ones. */
    private double freshError(String length, Map<String, String> model, String epochs) {
        TaskData data = data(Map.of("task", "adding", "length", length, "train.size", "640",
                "validation.size", "100", "test.size", "0"), 1);
        IndRnnFamily family = new IndRnnFamily();
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec("indrnn", 2, 1, DType.F32, h), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", epochs, "batch.size", "16", "lr", "0.003", "clip", "1",
                        "schedule", "cosine"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        for (TrainingEvent.EpochEnd e : c.events(TrainingEvent.EpochEnd.class)) {
            System.out.printf("epoch %d: train loss %.5f, validation %s%n", e.epoch(), e.trainLoss(), e.metrics());
        }
        assertFalse(r.failed(), r.stopReason());
        TaskData fresh = data(Map.of("task", "adding", "length", length, "train.size", "1", "validation.size", "0",
                "test.size", "300"), 4);
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), fresh.test());
        System.out.println("adding problem, T = " + length + ", fresh sequences: " + test);
        return test.get("mae");
    }
}
