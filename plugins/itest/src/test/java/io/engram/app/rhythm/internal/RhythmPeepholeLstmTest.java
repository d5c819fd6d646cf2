package io.engram.app.rhythm.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.loss.basic.internal.MseLoss;
import io.engram.loss.basic.internal.SoftmaxCrossEntropyLoss;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rhythm application with a peephole LSTM (Gers, Schraudolph and Schmidhuber 2002) trained by
 * BPTT, at sizes that run in seconds: it tells apart the delays between two spikes exactly, and it
 * spikes on time after a cue.
 */
class RhythmPeepholeLstmTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final RhythmApplication app = new RhythmApplication();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private Map<String, Double> run(Map<String, String> task, Loss loss, Map<String, String> model,
                                    Map<String, String> training) {
        return run(task, loss, model, training, 1);
    }

    private Map<String, Double> run(Map<String, String> task, Loss loss, Map<String, String> model,
                                    Map<String, String> training, long seed) {
        Map<String, String> raw = new HashMap<>(task);
        TaskData data = app.load(app.schema().validate(raw, "data.").get(), seed).get();
        LstmFamily family = new LstmFamily();
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec("lstm", data.inputSize(), data.outputSize(), DType.F32, h), BACKEND, seed);
        BpttTrainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(loss)
                .evaluator(v -> app.evaluate(net, BACKEND.ops(), v, 1))
                .hyper(trainer.schema(), training).seed(seed).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), data.test(), 1);
        System.out.println("rhythm " + task + " (" + r.epochs() + " epochs, " + r.stopReason() + "): " + test);
        return test;
    }

    @Test
    void peepholeLstmMeasuresTheDelayBetweenTwoSpikes() {
        Map<String, Double> test = run(Map.of("task", "msd", "min.interval", "6", "max.interval", "9", "offset", "5",
                        "train.size", "200", "validation.size", "20", "test.size", "100"),
                new SoftmaxCrossEntropyLoss(), Map.of("hidden", "4", "peepholes", "true"),
                Map.of("epochs", "30", "batch.size", "10", "lr", "0.02"));
        assertTrue(test.get("accuracy") >= 0.9, "accuracy " + test);
        assertTrue(test.get("baseline.accuracy") < 0.4, "baseline " + test);
    }

    /**
     * The paper's fine distinction: spikes 49 steps apart against 50, with no shorter intervals to
     * learn from. The forget gates start open (bias 3), so that the first spike's trace outlasts 50
     * steps, and the learning rate is 0.005.
     */
    @Test
    void peepholeLstmTellsSpikes49StepsApartFrom50() {
        Map<String, Double> test = run(Map.of("task", "msd", "min.interval", "49", "max.interval", "50", "offset", "10",
                        "train.size", "300", "validation.size", "50", "test.size", "200"),
                new SoftmaxCrossEntropyLoss(), Map.of("hidden", "8", "peepholes", "true", "forget.bias", "3"),
                Map.of("epochs", "600", "batch.size", "10", "lr", "0.005", "target.metric", "accuracy",
                        "target.value", "1"), 3);
        assertTrue(test.get("accuracy") >= 0.99, "accuracy " + test);
        assertTrue(test.get("baseline.accuracy") < 0.6, "baseline " + test);
    }
}
