package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.esn.internal.EsnFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import io.engram.trainer.ridge.internal.RidgeTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast application end to end with trained networks: an LSTM trained by BPTT on a noisy
 * seasonal series forecasts one step ahead with at most half the test RMSE of persistence, and an
 * echo state network whose readout is fitted by ridge regression on the whole training part
 * forecasts Mackey-Glass 10 steps ahead, recursively, with a tenth of persistence's RMSE.
 */
class ForecastTrainingTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new ForecastApplication();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void anLstmBeatsPersistenceOnASeasonalSeries() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder b = new StringBuilder("time,value\n");
        for (int t = 0; t < 400; t++) {
            b.append(t).append(',').append(5 + Math.sin(2 * Math.PI * t / 12) + 0.05 * r.nextGaussian()).append('\n');
        }
        Path csv = dir.resolve("seasonal.csv");
        Files.writeString(csv, b);
        TaskData d = load(Map.of("file", csv.toString(), "window", "24", "season", "12"));
        Network net = create(new LstmFamily(), Map.of("hidden", "8"), d);
        Trainer trainer = new BpttTrainer();
        train(trainer, net, d, Map.of("epochs", "15", "batch.size", "16", "lr", "0.01"));
        Map<String, Double> m = app.evaluate(net, BACKEND.ops(), d.test(), 1);
        System.out.printf("seasonal series, one step ahead: lstm rmse %.6f, persistence %.6f, seasonal naive %.6f%n",
                m.get("rmse"), m.get("baseline.persistence.rmse"), m.get("baseline.seasonal.rmse"));
        assertTrue(m.get("rmse") <= 0.5 * m.get("baseline.persistence.rmse"), m.toString());
    }

    @Test
    void anEchoStateNetworksRidgeReadoutForecastsMackeyGlass() {
        TaskData d = load(Map.of("length", "1500", "window", "150", "horizon", "10", "train.layout", "whole"));
        Network net = create(new EsnFamily(), Map.of("units", "200", "connectivity", "0.05", "spectral.radius", "1.25",
                "leak", "1", "input.scaling", "0.5", "bias.scaling", "0.5"), d);
        train(new RidgeTrainer(), net, d, Map.of("ridge", "1e-10,1e-8,1e-6", "washout", "100"));
        Map<String, Double> m = app.evaluate(net, BACKEND.ops(), d.test(), 1);
        System.out.printf("mackey-glass, 10 steps ahead: esn rmse %.5f, persistence %.5f%n", m.get("rmse"),
                m.get("baseline.persistence.rmse"));
        assertTrue(m.get("rmse") <= 0.1 * m.get("baseline.persistence.rmse"), m.toString());
    }

    private TaskData load(Map<String, String> raw) {
        return app.load(app.schema().validate(raw, "data.").get(), 1).get();
    }

    private static Network create(NetworkFamily family, Map<String, String> model, TaskData d) {
        return family.create(new ModelSpec(family.id(), d.inputSize(), d.outputSize(), DType.F64,
                family.schema().validate(model, "model.").get()), BACKEND, 1);
    }

    private void train(Trainer trainer, Network net, TaskData d, Map<String, String> hyper) {
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(d.train()).validation(d.validation())
                .loss(d.loss()).hyper(trainer.schema(), hyper).evaluator(v -> app.evaluate(net, BACKEND.ops(), v, 1))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
    }
}
