package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastApplicationTest {
    private final ForecastApplication app = new ForecastApplication();
    private final ReferenceBackend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    /** A seasonal series of period 6 on a trend, {@code n} rows; {@code test} added to every value from step 70 on. */
    private Path csv(String name, int n, double shiftFrom70, boolean labels) throws IOException {
        StringBuilder b = new StringBuilder(labels ? "time,value,anomaly\n" : "time,value\n");
        for (int t = 0; t < n; t++) {
            double v = 10 + 0.1 * t + 3 * Math.sin(2 * Math.PI * t / 6) + (t >= 70 ? shiftFrom70 : 0);
            b.append(t).append(',').append(v);
            if (labels) {
                b.append(',').append(t % 17 == 0 && t >= 60 ? 1 : 0);
            }
            b.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }

    private Hyperparameters params(Map<String, String> raw) {
        return app.schema().validate(raw, "data.").get();
    }

    private Network network(TaskData d) {
        ReferenceRnn f = new ReferenceRnn();
        return f.create(new ModelSpec(f.id(), d.inputSize(), d.outputSize(), DType.F64,
                f.schema().validate(Map.of("hidden", "4"), "model.").get()), backend, 3);
    }

    @Test
    void normalisationIsFittedOnTheTrainingPartOnly() throws IOException {
        Map<String, String> raw = new HashMap<>(Map.of("window", "6", "horizon", "2", "train.fraction", "0.6",
                "validation.fraction", "0.1"));
        raw.put("file", csv("a.csv", 100, 0, false).toString());
        TaskData clean = app.load(params(raw), 1).get();
        raw.put("file", csv("b.csv", 100, 1000, false).toString());
        TaskData shifted = app.load(params(raw), 1).get();
        assertEquals(clean.train(), shifted.train(), "steps 70.. lie past the training part (0..59)");
        assertEquals(app.payloads(clean), app.payloads(shifted), "the statistics see the training part alone");
        double[] offset = app.payloads(clean).numbers(Normaliser.OFFSET).get().stream().mapToDouble(x -> x).toArray();
        double mean = 0;
        for (int t = 0; t < 60; t++) {
            mean += (10 + 0.1 * t + 3 * Math.sin(2 * Math.PI * t / 6)) / 60;
        }
        assertEquals(mean, offset[0], 1e-9);
        double last = shifted.test().get(shifted.test().size() - 1).target(6 - 1 + 1, 0);
        assertTrue(last > 100, "the shifted test part is normalised with the training statistics: " + last);
    }

    @Test
    void evaluationDenormalisesAndScoresTheBaselinesOnTheSameWindows() throws IOException {
        Map<String, String> raw = new HashMap<>(Map.of("window", "6", "horizon", "3", "season", "6",
                "normalisation", "minmax", "forecast", "direct"));
        raw.put("file", csv("c.csv", 120, 0, false).toString());
        TaskData d = app.load(params(raw), 1).get();
        Map<String, Double> m = app.evaluate(network(d), backend.ops(), d.test(), 1);
        assertEquals(new LinkedHashSet<>(ForecastApplication.metricNames(false)), m.keySet());
        // test part: steps 96..119, origins 96..117; persistence repeats step o-1 for h = 0..2
        double se = 0;
        double ae = 0;
        int n = 0;
        for (int o = 96; o <= 117; o++) {
            for (int h = 0; h < 3; h++) {
                double e = value(o + h) - value(o - 1);
                se += e * e;
                ae += Math.abs(e);
                n++;
            }
        }
        assertEquals(Math.sqrt(se / n), m.get("baseline.persistence.rmse"), 1e-9);
        assertEquals(ae / n, m.get("baseline.persistence.mae"), 1e-9);
        double scale = 0;
        for (int t = 6; t < 72; t++) {
            scale += Math.abs(value(t) - value(t - 6)) / 66;
        }
        assertEquals(0.6, scale, 1e-9, "the seasonal naive misses by the trend over a season");
        assertEquals(ae / n / scale, m.get("baseline.persistence.mase"), 1e-9);
        assertEquals(0.6, m.get("baseline.seasonal.mae"), 1e-9, "season 6 with horizon 3 repeats last season's value");
        assertEquals(1.0, m.get("baseline.seasonal.mase"), 1e-9);
        Map<String, Double> sub = app.evaluate(network(d), backend.ops(), d.test().subset(0, 5), 1);
        assertEquals(m.keySet(), sub.keySet(), "a subset of a loaded set is recognised");
    }

    private static double value(int t) {
        return 10 + 0.1 * t + 3 * Math.sin(2 * Math.PI * t / 6);
    }

    @Test
    void anomaliesAreScoredOnTestAndThePlotIsWritten() throws IOException {
        Path plot = dir.resolve("plots/forecast.png");
        Map<String, String> raw = new HashMap<>(Map.of("window", "6", "horizon", "2", "anomaly.column", "anomaly",
                "plot", plot.toString(), "train.fraction", "0.5", "validation.fraction", "0.25"));
        raw.put("file", csv("d.csv", 160, 0, true).toString());
        TaskData d = app.load(params(raw), 1).get();
        Map<String, Double> m = app.evaluate(network(d), backend.ops(), d.test(), 1);
        assertEquals(new LinkedHashSet<>(ForecastApplication.metricNames(true)), m.keySet());
        assertTrue(m.get("anomaly.f1") >= 0 && m.get("anomaly.f1") <= 1, m.toString());
        byte[] png = Files.readAllBytes(plot);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertEquals(List.of("forecast.png"), Files.list(plot.getParent()).map(p -> p.getFileName().toString()).toList(),
                "no temporary file is left");
        Map<String, Double> v = app.evaluate(network(d), backend.ops(), d.validation(), 1);
        assertEquals(new LinkedHashSet<>(ForecastApplication.metricNames(false)), v.keySet(), "anomalies: test only");
    }

    @Test
    void recursiveAndDirectForecastsHaveTheHorizonsShape() {
        TaskData rec = app.load(params(Map.of("length", "200", "discard", "50", "window", "8", "horizon", "4")), 1).get();
        TaskData dir = app.load(params(Map.of("length", "200", "discard", "50", "window", "8", "horizon", "4",
                "forecast", "direct")), 1).get();
        assertEquals(1, rec.outputSize());
        assertEquals(4, dir.outputSize());
        assertEquals(8 + 4 - 1, rec.test().get(0).length());
        assertEquals(8, dir.test().get(0).length());
        Network net = network(rec);
        List<double[][]> windows = List.<double[][]>of(java.util.Arrays.copyOf(rec.test().get(0).inputs(), 8));
        double[][][] f = Forecaster.run(net, backend.ops(), windows, 4, false, 1);
        assertEquals(4, f[0].length);
        // the second step is the network's output after its first output is fed back as input
        double[][] fed = new double[9][];
        System.arraycopy(windows.get(0), 0, fed, 0, 8);
        fed[8] = f[0][0];
        double[][] outputs = io.engram.layers.SequenceOutputs.of(net, backend.ops(),
                new Dataset(List.of(Sequence.perStep(fed, new double[9][1])), 1, 1), 1).get(0);
        assertEquals(outputs[7][0], f[0][0][0], 1e-12);
        assertEquals(outputs[8][0], f[0][1][0], 1e-12);
        double[][][] g = Forecaster.run(network(dir), backend.ops(), List.<double[][]>of(java.util.Arrays.copyOf(
                dir.test().get(0).inputs(), 8)), 4, true, 1);
        assertEquals(4, g[0].length);
        assertEquals(1, g[0][0].length);
    }

    @Test
    void predictReadsHistoryAndPrintsTheForecastDenormalised() throws IOException {
        Map<String, String> raw = Map.of("file", dir.resolve("train.csv").toString(), "window", "3", "columns", "a,b",
                "forecast", "direct", "horizon", "2");
        Payloads payloads = new Normaliser("zscore", new double[] {10, 100}, new double[] {2, 5}).payloads();
        PredictionFormat format = app.predictions(params(raw), payloads).get();
        Path history = dir.resolve("recent.csv");
        Files.writeString(history, "time,a,b\n1,0,0\n2,12,105\n3,14,110\n4,8,90\n");
        List<PredictionFormat.Record> records = format.read(history).get();
        assertEquals(1, records.size());
        assertArrayEquals(new double[][] {{1, 1}, {2, 2}, {-1, -2}}, records.get(0).inputs());
        String out = format.format(records.get(0), new PredictionFormat.Prediction(new double[][] {{0, 0, 0, 0},
                {0.5, -1, 1, 0.2}}, new int[0], new double[0][]));
        assertEquals("time,a,b\n5.00000,11.0000,95.0000\n6.00000,12.0000,101.000", out);
        Files.writeString(history, "time,a,b\n1,0,0\n2,x,0\n");
        String m = format.read(history).getCause().getMessage();
        assertTrue(m.contains("recent.csv:3:2 (a): not a number"), m);
        assertTrue(app.predictions(params(raw), Payloads.empty()).isEmpty(), "no statistics, no readable forecast");
    }

    @Test
    void differencesAreFittedOnTrainingAndSummedBackOntoTheSeries() throws IOException {
        Map<String, String> raw = new HashMap<>(Map.of("window", "6", "difference", "6", "season", "6",
                "normalisation", "none"));
        raw.put("file", csv("e.csv", 100, 0, false).toString());
        TaskData d = app.load(params(raw), 1).get();
        assertEquals(value(6) - value(0), d.train().get(0).input(0, 0), 1e-9, "the first window starts at step d");
        assertEquals(0.6, d.train().get(0).input(3, 0), 1e-9, "a season's difference is the trend over it");
        double[][] x = new double[20][1];
        for (int t = 0; t < 20; t++) {
            x[t][0] = 10 * t;
        }
        TimeSeries s = new TimeSeries(List.of("v"), new double[20], x, new boolean[0], "ramp");
        Normaliser n = new Normaliser("zscore", new double[] {5}, new double[] {2});
        double[][] f = ForecastEvaluation.integrate(new double[][] {{0.5}, {1}, {1.5}}, n, s, 10, 2);
        // u = 6, 7, 8; x[10] = x[8] + 6 = 86, x[11] = x[9] + 7 = 97, x[12] = x[10] (forecast) + 8 = 94
        assertArrayEquals(new double[][] {{86}, {97}, {94}}, f);
        assertArrayEquals(new double[][] {{6}, {7}}, ForecastEvaluation.integrate(new double[][] {{0.5}, {1}}, n, s, 10, 0));
    }

    @Test
    void predictSumsDifferencesOntoTheHistory() throws IOException {
        Map<String, String> raw = Map.of("file", dir.resolve("train.csv").toString(), "window", "2", "difference", "1",
                "forecast", "direct", "horizon", "2");
        PredictionFormat format = app.predictions(params(raw), new Normaliser("zscore", new double[] {1},
                new double[] {2}).payloads()).get();
        Path history = dir.resolve("recent.csv");
        Files.writeString(history, "time,value\n1,10\n2,13\n3,12\n");
        PredictionFormat.Record r = format.read(history).get().get(0);
        assertArrayEquals(new double[][] {{1}, {-1}}, r.inputs(), "differences 3 and -1, less 1, over 2");
        String out = format.format(r, new PredictionFormat.Prediction(new double[][] {{0, 0}, {0.5, 1}}, new int[0],
                new double[0][]));
        assertEquals("time,value\n4.00000,14.0000\n5.00000,17.0000", out, "12 + 2, then 14 + 3");
    }
}
