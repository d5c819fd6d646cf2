package io.engram.trainer.evolino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.series.internal.SeriesApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.cosyne.internal.CosyneTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Evolino on its paper's kind of task, the superimposed sines sin(0.2 t) + sin(0.311 t) of the
 * series application, beside plain CoSyNE on the same LSTM at the same number of evaluations: with
 * its readout solved by least squares, Evolino's training loss and its one-step test mse after the
 * washout are well below CoSyNE's.
 */
class EvolinoSinesTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new SeriesApplication();
    private static final int EVALUATIONS = 240;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void evolinoFitsTwoSinesBelowCosyneAtEqualEvaluations() {
        TaskData d = app.load(app.schema().validate(Map.of("series", "sines", "discard", "0", "protocol", "split",
                "length", "301", "test.fraction", "0.3334", "train.washout", "50"), "data.").get(), 1).get();
        Network evolino = lstm(d);
        TrainingResult re = train(new EvolinoTrainer(), evolino, d, Map.of("generations", "1000", "population", "12",
                "trials", "1", "evaluations", String.valueOf(EVALUATIONS)));
        Network cosyne = lstm(d);
        TrainingResult rc = train(new CosyneTrainer(), cosyne, d, Map.of("generations", "1000", "population", "24",
                "init.sigma", "0.5", "mutation.scale", "0.1", "evaluations", String.valueOf(EVALUATIONS)));
        assertEquals(EVALUATIONS, re.metrics().get("evaluations"));
        assertEquals(EVALUATIONS, rc.metrics().get("evaluations"));
        Map<String, Double> me = app.evaluate(evolino, BACKEND.ops(), d.test(), 1);
        Map<String, Double> mc = app.evaluate(cosyne, BACKEND.ops(), d.test(), 1);
        System.out.printf("two sines, %d evaluations: training loss evolino %.3g, cosyne %.3g; test mse evolino %.3g, "
                + "cosyne %.3g; free-running test mse evolino %.3g, cosyne %.3g%n", EVALUATIONS,
                re.metrics().get("loss"), rc.metrics().get("loss"), me.get("mse"), mc.get("mse"), me.get("mse.free"),
                mc.get("mse.free"));
        assertTrue(re.metrics().get("loss") < 0.1 * rc.metrics().get("loss"), re.metrics() + " vs " + rc.metrics());
        assertTrue(me.get("mse") < 1e-2 && me.get("mse") < 0.1 * mc.get("mse"), me + " vs " + mc);
    }

    private static Network lstm(TaskData d) {
        LstmFamily family = new LstmFamily();
        return family.create(new ModelSpec(family.id(), d.inputSize(), d.outputSize(), DType.F64,
                family.schema().validate(Map.of("hidden", "5", "peepholes", "true"), "model.").get()), BACKEND, 1);
    }

    private static TrainingResult train(Trainer trainer, Network net, TaskData d, Map<String, String> hyper) {
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(d.train()).loss(d.loss())
                .hyper(trainer.schema(), hyper).seed(1).workers(2).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        return r;
    }
}
