package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The detector's rules on made-up one-step errors: 40 steps, validation 20..29, test 30..39; the
 * validation errors are +-0.1 but 5 at the labelled step 25, which the Gaussian's fit leaves out
 * (so its mean and variance are those of five 0.1s and four -0.1s); the test errors are +-0.1 but 4 at labelled step 33, 0.05 at labelled step
 * 37 and 0.3 at the normal step 35.
 */
class AnomalyDetectorTest {
    private static Map<String, Double> detect(Map<String, String> extra) {
        Map<String, String> raw = new java.util.HashMap<>(Map.of("file", "unused.csv", "window", "2", "horizon", "1",
                "anomaly.column", "label", "train.fraction", "0.5", "validation.fraction", "0.25"));
        raw.putAll(extra);
        ForecastSettings s = ForecastSettings.of(new ForecastApplication().schema().validate(raw, "data.").get());
        double[][] x = new double[40][1];
        boolean[] labels = new boolean[40];
        double[] t = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i][0] = i % 3;
            t[i] = i;
        }
        labels[25] = labels[33] = labels[37] = true;
        ForecastTask task = new ForecastTask(s, new TimeSeries(List.of("value"), t, x, labels, "made up"),
                Split.of(40, 0.5, 0.25));
        return AnomalyDetector.detect(task, run(20, Map.of(25, 5.0)), run(30, Map.of(33, 4.0, 37, 0.05, 35, 0.3)))
                .metrics();
    }

    private static ForecastEvaluation.Run run(int from, Map<Integer, Double> special) {
        int[] origins = new int[10];
        double[][][] errors = new double[10][1][1];
        for (int i = 0; i < 10; i++) {
            origins[i] = from + i;
            errors[i][0][0] = special.getOrDefault(from + i, i % 2 == 0 ? 0.1 : -0.1);
        }
        double[][][] none = new double[10][1][1];
        return new ForecastEvaluation.Run(origins, none, none, none, none, errors);
    }

    private static double nll(double e) {
        double mean = 0.1 / 9;
        double variance = 0.01 - mean * mean;
        return 0.5 * (Math.log(2 * Math.PI) + Math.log(variance) + (e - mean) * (e - mean) / variance);
    }

    @Test
    void withLabelledValidationAnomaliesTheThresholdMaximisesF1() {
        Map<String, Double> m = detect(Map.of());
        assertEquals(nll(-0.1), m.get("anomaly.threshold"), 1e-6, "flags step 25 alone of the validation steps");
        assertEquals(2, m.get("anomaly.flagged"), 0.0, "steps 33 and 35");
        assertEquals(0.5, m.get("anomaly.precision"), 1e-12);
        assertEquals(0.5, m.get("anomaly.recall"), 1e-12, "37 is missed");
        assertEquals(0.5, m.get("anomaly.f1"), 1e-12);
    }

    @Test
    void theQuantileRuleIgnoresLabels() {
        Map<String, Double> m = detect(Map.of("anomaly.threshold", "quantile", "anomaly.quantile", "1"));
        assertEquals(nll(5), m.get("anomaly.threshold"), 1e-8 * nll(5), "the largest validation score (the ridge moves it by 1e-9)");
        assertEquals(0, m.get("anomaly.flagged"), 0.0);
        assertEquals(0, m.get("anomaly.f1"), 0.0);
    }
}
