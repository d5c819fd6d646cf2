package io.engram.family.elman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Reference result: an Elman network learns the plain Reber grammar (as Cleeremans, Servan-Schreiber
 * and McClelland 1989 showed for simple recurrent networks), trained with BPTT through the
 * {@link Trainer} interface and judged on held-apart strings.
 */
class ElmanReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void learnsThePlainReberGrammar() {
        Application app = new GrammarApplication();
        Trainer trainer = new BpttTrainer();
        TaskData data = app.load(app.schema().validate(Map.of("task", "reber", "train.size", "500",
                "validation.size", "100", "test.size", "200"), "data.").get(), 1).get();
        ElmanFamily family = new ElmanFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "16"), "model.").get();
        Network net = family.create(new ModelSpec("elman", data.inputSize(), data.outputSize(), DType.F32, h), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "20", "batch.size", "16", "lr", "0.01"))
                .evaluator(d -> app.evaluate(net, BACKEND.ops(), d))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        for (TrainingEvent.EpochEnd e : c.events(TrainingEvent.EpochEnd.class)) {
            System.out.printf("epoch %d: train loss %.4f, validation loss %.4f, %s%n", e.epoch(), e.trainLoss(),
                    e.validationLoss(), e.metrics());
        }
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), data.test());
        System.out.println("Reber, held-apart test set: " + test);
        assertEquals(1.0, test.get("accuracy"), 0.0);
    }
}
