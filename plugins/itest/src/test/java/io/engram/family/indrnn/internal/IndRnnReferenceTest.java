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
 * Reference result of Li et al. (2018), section 4.1, at a size that runs in seconds: a two-layer
 * IndRNN solves the adding problem (Hochreiter and Schmidhuber 1997, as the grammar application
 * generates it: sequences of T to 1.1 T steps) with a mean absolute error below 0.04 on fresh
 * sequences. As in the paper, the top layer's recurrent weights start on
 * {@code [2^(-1/T), 2^(1/T)]} and all are held to {@code |u| <= 2^(1/T)}; relu units, Adam, BPTT
 * through every step. Here T = 100 with 16 units per layer and 1200 updates of 16 sequences.
 */
class IndRnnReferenceTest {
    private static final String LENGTH = "100";
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
    void solvesTheAddingProblem() {
        TaskData data = data(Map.of("task", "adding", "length", LENGTH, "train.size", "640",
                "validation.size", "100", "test.size", "0"), 1);
        IndRnnFamily family = new IndRnnFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "16", "layers", "2", "recurrent.horizon", LENGTH,
                "recurrent.init.top", "long", "init.scale", "0.5"), "model.").get();
        Network net = family.create(new ModelSpec("indrnn", 2, 1, DType.F32, h), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "16", "lr", "0.003", "clip", "1",
                        "schedule", "cosine"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        for (TrainingEvent.EpochEnd e : c.events(TrainingEvent.EpochEnd.class)) {
            System.out.printf("epoch %d: train loss %.5f, validation %s%n", e.epoch(), e.trainLoss(), e.metrics());
        }
        assertFalse(r.failed(), r.stopReason());
        TaskData fresh = data(Map.of("task", "adding", "length", LENGTH, "train.size", "1", "validation.size", "0",
                "test.size", "300"), 4);
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), fresh.test());
        System.out.println("adding problem, T = " + LENGTH + ", fresh sequences: " + test);
        assertTrue(test.get("mae") < 0.04, "mae = " + test.get("mae"));
    }
}
