package io.engram.family.dnc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.app.algorithmic.internal.AlgorithmicApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.loss.basic.internal.SigmoidBinaryCrossEntropyLoss;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The copy task at a small size, as in Graves et al. (2016), "Hybrid computing using a neural network
 * with dynamic external memory": a differentiable neural computer with an LSTM controller, trained by
 * BPTT on sequences of 1 to 5 random 4-bit vectors from the algorithmic application, copies
 * held-apart sequences of length 5: at most 0.1 wrong bits per sequence of 20 bits on 100 test
 * sequences (seed 1: none wrong on validation from epoch 6 of the 12). Controller of 24 LSTM units,
 * memory 8 x 6, one read head, Adam at 0.01, clipped to norm 10.
 */
class DncCopyTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new AlgorithmicApplication();
    private final Trainer trainer = new BpttTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void copiesSequencesOfFiveVectors() {
        TaskData data = app.load(app.schema().validate(Map.of("task", "copy", "bits", "4", "length.min", "1",
                "length.max", "5", "test.length.min", "5", "test.length.max", "5", "train.size",
                "1000", "validation.size", "50", "test.size", "100"), "data.").get(), 1).get();
        DncFamily family = new DncFamily();
        Network net = family.create(new ModelSpec("dnc", data.inputSize(), data.outputSize(), DType.F32,
                family.schema().validate(Map.of("hidden", "24", "memory.size", "8",
                        "memory.width", "6"), "model.").get()), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(new SigmoidBinaryCrossEntropyLoss())
                .hyper(trainer.schema(), Map.of("epochs", "12", "batch.size", "16",
                        "lr", "0.01", "clip", "10"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        for (TrainingEvent.EpochEnd e : c.events(TrainingEvent.EpochEnd.class)) {
            System.out.printf("dnc epoch %d: train loss %.4f, validation %s%n", e.epoch(), e.trainLoss(), e.metrics());
        }
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), data.test());
        System.out.printf("dnc copy, length 5: %s%n", test);
        assertTrue(test.get("bit.errors") <= 0.1, "bit errors per sequence " + test);
    }
}
