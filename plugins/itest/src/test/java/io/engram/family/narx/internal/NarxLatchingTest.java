package io.engram.family.narx.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.app.latching.internal.LatchingApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reference result of Lin, Horne, Tino and Giles (1996), section V: on the latching problem a NARX
 * network keeps a class over a stretch of noise that an Elman network of the same size does not
 * learn to bridge. Both have the same hidden layer, are trained by BPTT with the same budget, data
 * and seed, and are judged on held-apart sequences. Sequences of 80 steps, the class in the first 3:
 * the NARX network (6 hidden units, 6 output delays) classifies all test sequences, the Elman
 * network (6 hidden units) stays at chance (it learns the task at 40 steps).
 */
class NarxLatchingTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new LatchingApplication();
    private final Trainer trainer = new BpttTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void narxLatchesTheClassWhereElmanDoesNot() {
        TaskData data = app.load(app.schema().validate(Map.of("length", "80", "key", "3", "noise", "0.2",
                "train.size", "400", "validation.size", "100", "test.size", "400"), "data.").get(), 1).get();
        double narx = accuracy(new NarxFamily(), Map.of("hidden", "6", "input.delays", "0", "output.delays", "6",
                "output", "tanh"), data);
        double elman = accuracy(new ElmanFamily(), Map.of("hidden", "6"), data);
        System.out.printf("latching, test accuracy: narx %.3f, elman %.3f%n", narx, elman);
        assertTrue(narx >= 0.95, "narx accuracy " + narx);
        assertTrue(narx - elman >= 0.3, "narx " + narx + " against elman " + elman);
    }

    private double accuracy(NetworkFamily family, Map<String, String> model, TaskData data) {
        Network net = family.create(new ModelSpec(family.id(), 1, 1, DType.F32,
                family.schema().validate(model, "model.").get()), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "20", "batch.size", "16", "lr", "0.01"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        for (TrainingEvent.EpochEnd e : c.events(TrainingEvent.EpochEnd.class)) {
            System.out.printf("%s epoch %d: train loss %.4f, validation %s%n", family.id(), e.epoch(), e.trainLoss(), e.metrics());
        }
        assertFalse(r.failed(), r.stopReason());
        return app.evaluate(net, BACKEND.ops(), data.test()).get("accuracy");
    }
}
