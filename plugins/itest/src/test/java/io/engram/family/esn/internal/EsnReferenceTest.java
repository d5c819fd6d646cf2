package io.engram.family.esn.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.series.internal.SeriesApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.ridge.internal.RidgeTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reference results of the echo state network on the Mackey-Glass series (tau = 17), its readout
 * fitted by the ridge trainer through the {@link Trainer} interface: free-running prediction 84
 * steps ahead as Jaeger and Haas (2004) measure it, and ReservoirPy's README protocol one step ahead.
 */
class EsnReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    static Map<String, Double> fitAndTest(Map<String, String> data, Map<String, String> model,
                                          Map<String, String> ridge, DType dtype) {
        Application app = new SeriesApplication();
        TaskData d = app.load(app.schema().validate(data, "data.").get(), 1).get();
        EsnFamily family = new EsnFamily();
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec("esn", 1, 1, dtype, h), BACKEND, 1);
        Trainer trainer = new RidgeTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(d.train()).validation(d.validation())
                .loss(d.loss()).hyper(trainer.schema(), ridge).seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> test = app.evaluate(net, BACKEND.ops(), d.test(), 1L);
        System.out.println("fit " + r.metrics() + ", test " + test);
        return test;
    }

    @Test
    void predicts84StepsAheadRunningFreeWith500Units() {
        Map<String, Double> m = fitAndTest(
                Map.of("train.length", "2000", "test.trials", "20", "test.warmup", "300", "horizon", "84"),
                Map.of("units", "500", "connectivity", "0.02", "spectral.radius", "1.25", "leak", "1",
                        "input.scaling", "0.5", "bias.scaling", "0.5"),
                Map.of("ridge", "1e-10,1e-8,1e-6", "washout", "100"), DType.F64);
        assertTrue(m.get("nrmse.free") < 1e-2, "NRMSE at 84 steps, running free: " + m.get("nrmse.free"));
    }

    /**
     * ReservoirPy's README: 2000 steps of Mackey-Glass (RK4, step 1), the last 20% tested one step
     * ahead, 100 units, spectral radius 1.25, leak rate 0.3, ridge 1e-5, 100 warm-up steps; it reports
     * an RMSE of 0.0020282.
     */
    @Test
    void matchesReservoirPysReadmeOneStepAhead() {
        Map<String, Double> m = fitAndTest(
                Map.of("protocol", "split", "length", "2000", "test.fraction", "0.2", "integrator", "rk4", "dt", "1",
                        "subsample", "1", "discard", "0"),
                Map.of("units", "100", "spectral.radius", "1.25", "leak", "0.3", "connectivity", "0.1",
                        "bias.scaling", "1", "input.scaling", "1"),
                Map.of("ridge", "1e-5", "washout", "100"), DType.F64);
        assertTrue(m.get("rmse") <= 0.0020282, "one-step RMSE " + m.get("rmse") + " against ReservoirPy's 0.0020282");
    }
}
