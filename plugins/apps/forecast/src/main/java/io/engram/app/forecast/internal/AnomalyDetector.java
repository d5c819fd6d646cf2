package io.engram.app.forecast.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anomaly detection from prediction errors (Malhotra, Vig, Shroff and Agarwal 2015): the error
 * vectors ({@link ErrorVectors}, normalised units) of the validation part are modelled by a
 * Gaussian ({@link ErrorGaussian}; steps labelled anomalous are left out of the fit when there are
 * labels and others remain), every validation and test step's score is its negative
 * log-likelihood, and the threshold is chosen on the validation scores ({@link Thresholds}) by
 * {@code data.anomaly.threshold}: {@code quantile} (the {@code data.anomaly.quantile} quantile),
 * {@code fbeta} (the best F-beta, beta = {@code data.anomaly.beta}, against the validation labels), or
 * {@code auto}: fbeta when the scored validation steps include a labelled anomaly, else quantile (so
 * is fbeta without one). A test step is flagged when its score exceeds the threshold; the figures
 * are {@code anomaly.threshold}, {@code anomaly.flagged} (test steps flagged), and against the test
 * labels {@code anomaly.precision}, {@code anomaly.recall} and {@code anomaly.f1}. Stateless.
 */
final class AnomalyDetector {
    private AnomalyDetector() {
    }

    /** The figures, and which steps of the series were flagged. */
    record Result(Map<String, Double> metrics, boolean[] flaggedSteps) {
    }

    static Result detect(ForecastTask task, ForecastEvaluation.Run validation, ForecastEvaluation.Run test) {
        TimeSeries series = task.series();
        int horizon = task.settings().horizon();
        Scored v = scored(validation, horizon, series);
        Scored t = scored(test, horizon, series);
        if (v.vectors.isEmpty() || t.vectors.isEmpty()) {
            throw new IllegalArgumentException("data.horizon: the validation or test part is too short for an error vector");
        }
        List<double[]> fit = new ArrayList<>();
        for (int k = 0; k < v.vectors.size(); k++) {
            if (!v.labels[k]) {
                fit.add(v.vectors.get(k));
            }
        }
        ErrorGaussian g = ErrorGaussian.fit(fit.isEmpty() ? v.vectors : fit);
        double[] vs = v.vectors.stream().mapToDouble(g::score).toArray();
        double[] ts = t.vectors.stream().mapToDouble(g::score).toArray();
        ForecastSettings s = task.settings();
        boolean labelledValidation = false;
        for (boolean b : v.labels) {
            labelledValidation |= b;
        }
        boolean fbeta = labelledValidation && !s.rule().equals("quantile");
        double threshold = fbeta ? Thresholds.fBeta(vs, v.labels, s.beta()) : Thresholds.quantile(vs, s.quantile());
        Detection d = Detection.of(ts, t.labels, threshold);
        boolean[] flagged = new boolean[series.length()];
        for (int k = 0; k < ts.length; k++) {
            flagged[t.steps[k]] = ts[k] > threshold;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("anomaly.threshold", threshold);
        m.put("anomaly.flagged", (double) d.flagged());
        m.put("anomaly.precision", d.precision());
        m.put("anomaly.recall", d.recall());
        m.put("anomaly.f1", d.fBeta(1));
        return new Result(m, flagged);
    }

    private record Scored(List<double[]> vectors, int[] steps, boolean[] labels) {
    }

    private static Scored scored(ForecastEvaluation.Run run, int horizon, TimeSeries series) {
        int[] origins = run.origins();
        for (int i = 1; i < origins.length; i++) {
            if (origins[i] != origins[i - 1] + 1) {
                throw new IllegalArgumentException("anomaly scores need consecutive forecast origins");
            }
        }
        double[][] vectors = ErrorVectors.of(run.normalisedErrors());
        int[] steps = new int[vectors.length];
        boolean[] labels = new boolean[vectors.length];
        for (int k = 0; k < vectors.length; k++) {
            steps[k] = ErrorVectors.step(origins[0], horizon, k);
            labels[k] = series.anomaly(steps[k]);
        }
        return new Scored(List.of(vectors), steps, labels);
    }
}
