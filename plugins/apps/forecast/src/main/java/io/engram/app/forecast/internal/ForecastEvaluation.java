package io.engram.app.forecast.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a network on forecast windows of one part of one task: its forecasts, de-normalised,
 * against the truth ({@link ForecastMetrics}: {@code rmse}, {@code nrmse}, {@code mae}, {@code mase},
 * {@code smape}), and the same five for the persistence and seasonal-naive baselines on the same
 * windows ({@code baseline.persistence.*}, {@code baseline.seasonal.*}); on the test part, when the
 * task detects anomalies, the detection's figures ({@link AnomalyDetector}), and when a plot is asked
 * for, the plot ({@link ForecastPlot}). Stateless.
 */
final class ForecastEvaluation {
    private ForecastEvaluation() {
    }

    /** The run of a network over windows: forecasts, truth and baselines, all {@code [window][h][c]}, raw units. */
    record Run(int[] origins, double[][][] model, double[][][] truth, double[][][] persistence, double[][][] seasonal,
               double[][][] normalisedErrors) {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        PartContext context = PartContext.of(data);
        PartContext.Entry head = context.head(data);
        ForecastTask task = head.task();
        int[] origins = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            PartContext.Entry e = context.find(data.get(i)).orElse(null);
            if (e == null || e.task() != task || e.part() != head.part() || e.origin() < 0) {
                throw new IllegalArgumentException("sequence " + i + " is not a forecast window of the task of the first");
            }
            origins[i] = e.origin();
        }
        Run run = run(network, ops, task, data.sequences(), origins, seed);
        Map<String, Double> out = new LinkedHashMap<>();
        double scale = task.maseScale();
        double[] y = flat(run.truth());
        ForecastMetrics.put(out, "", y, flat(run.model()), scale);
        ForecastMetrics.put(out, "baseline.persistence.", y, flat(run.persistence()), scale);
        ForecastMetrics.put(out, "baseline.seasonal.", y, flat(run.seasonal()), scale);
        boolean[] flagged = new boolean[0];
        if (head.part() == Split.Part.TEST && task.settings().detects()) {
            Dataset validation = task.dataset(Split.Part.VALIDATION);
            Run v = run(network, ops, task, validation.sequences(), task.origins(Split.Part.VALIDATION), seed);
            AnomalyDetector.Result r = AnomalyDetector.detect(task, v, run);
            out.putAll(r.metrics());
            flagged = r.flaggedSteps();
        }
        if (head.part() == Split.Part.TEST && !task.settings().plot().isEmpty()) {
            ForecastPlot.write(task, run, flagged);
        }
        return out;
    }

    /**
     * Runs the network over {@code windows} (cut at {@code origins}) and makes the baselines beside it:
     * the model's forecasts de-normalised and, with differences, summed back onto the series
     * ({@link #integrate}); the truth and the baselines' histories read from the raw series; the
     * errors divided by the normaliser's scale.
     */
    static Run run(Network network, Ops ops, ForecastTask task, List<Sequence> windows, int[] origins, long seed) {
        ForecastSettings s = task.settings();
        int w = s.window();
        int horizon = s.horizon();
        int channels = task.channels();
        TimeSeries x = task.series();
        Normaliser norm = task.normaliser();
        double[] scale = norm.scale();
        List<double[][]> inputs = new ArrayList<>();
        for (Sequence q : windows) {
            inputs.add(Arrays.copyOf(q.inputs(), w));
        }
        double[][][] z = Forecaster.run(network, ops, inputs, horizon, s.direct(), seed);
        int n = windows.size();
        double[][][] model = new double[n][][];
        double[][][] truth = new double[n][horizon][channels];
        double[][][] persistence = new double[n][][];
        double[][][] seasonal = new double[n][][];
        double[][][] errors = new double[n][horizon][channels];
        for (int i = 0; i < n; i++) {
            int o = origins[i];
            model[i] = integrate(z[i], norm, x, o, s.difference());
            double[][] history = new double[w][];
            for (int k = 0; k < w; k++) {
                history[k] = x.row(o - w + k);
            }
            persistence[i] = Baselines.persistence(history, horizon);
            seasonal[i] = Baselines.seasonal(history, horizon, s.season());
            for (int h = 0; h < horizon; h++) {
                for (int c = 0; c < channels; c++) {
                    truth[i][h][c] = x.value(o + h, c);
                    errors[i][h][c] = (truth[i][h][c] - model[i][h][c]) / scale[c];
                }
            }
        }
        return new Run(origins, model, truth, persistence, seasonal, errors);
    }

    /**
     * The forecast {@code [h][c]} in the series' units from the network's normalised outputs: with no
     * differences, {@code x[o + h] = u[o + h]}; with lag {@code d}, {@code x[o + h] = x[o + h - d] + u[o + h]},
     * {@code x[o + h - d]} the series' own value when {@code h < d}, else the forecast's.
     */
    static double[][] integrate(double[][] z, Normaliser norm, TimeSeries x, int origin, int d) {
        double[][] out = new double[z.length][z[0].length];
        for (int h = 0; h < z.length; h++) {
            for (int c = 0; c < z[h].length; c++) {
                double u = norm.invert(z[h][c], c);
                out[h][c] = d == 0 ? u : u + (h < d ? x.value(origin + h - d, c) : out[h - d][c]);
            }
        }
        return out;
    }

    static double[] flat(double[][][] a) {
        return Arrays.stream(a).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
    }
}
