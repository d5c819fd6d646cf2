package io.engram.app.forecast.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.PredictionFormat;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Time-series forecasting with anomaly detection.
 *
 * <h2>Data</h2>
 * A CSV file ({@code data.file}; {@link SeriesCsv}: a header, a time column {@code data.time.column}
 * strictly increasing, value columns {@code data.columns}, missing values refused or interpolated
 * by {@code data.missing}, every problem named {@code file:line:column}), or without a file the
 * Mackey-Glass series ({@code data.length} samples after {@code data.discard}, delay
 * {@code data.tau}; Euler with step 0.1, every 10th kept). The series is split in time
 * ({@link Split}): the first {@code data.train.fraction} of the steps train, the next
 * {@code data.validation.fraction} validate, the rest test; nothing is shuffled across time. With
 * {@code data.difference = d > 0} the network sees the differences {@code x[t] - x[t - d]} (a trend
 * removed) and its forecasts are summed back onto the series. Each channel is normalised ({@code data.normalisation}: {@code zscore}, {@code minmax} or {@code none},
 * {@link Normaliser}) with statistics of the training part only, kept in the checkpoint's payloads.
 *
 * <h2>Sequences</h2>
 * Every part is cut into windows of {@code data.window} steps before a forecast origin
 * ({@link Windows}); training windows every {@code data.stride} steps, validation and test windows at
 * every origin. {@code data.forecast=recursive}: the network learns one step ahead and forecasts
 * {@code data.horizon} steps by feeding its outputs back; {@code direct}: one output per channel and
 * horizon step, trained at the window's last step. {@code data.train.layout=whole} (recursive only)
 * trains on the whole training part as one sequence (a reservoir read out by ridge regression).
 *
 * <h2>Metrics</h2>
 * Over every validation or test origin, horizon step and channel, in the series' units
 * ({@link ForecastMetrics}): {@code rmse}, {@code nrmse}, {@code mae}, {@code mase} (scaled by the
 * training part's seasonal-naive MAE, season {@code data.season}) and {@code smape}; beside them
 * always the same five for persistence and the seasonal-naive forecast on the same windows
 * ({@code baseline.persistence.*}, {@code baseline.seasonal.*}; {@link Baselines}). All lower is
 * better. On the test set, with {@code data.anomaly.column} naming labels: {@code anomaly.threshold},
 * {@code anomaly.flagged}, {@code anomaly.precision}, {@code anomaly.recall}, {@code anomaly.f1}
 * ({@link AnomalyDetector}); with {@code data.plot} set, the plot of the test part
 * ({@link ForecastPlot}). {@code evaluate} takes the sets {@code load} gave (or subsets of them),
 * which carry their task ({@link PartContext}).
 *
 * <h2>Prediction</h2>
 * {@code engram predict} reads a CSV of recent history and prints the forecast that follows it
 * ({@link ForecastFormat}).
 *
 * <p>Registered with {@code engram.application=forecast}. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=forecast")
public final class ForecastApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", "", "CSV file of the series; empty: the Mackey-Glass series."),
            HyperParameter.text("time.column", "time", "The column of times (numbers, strictly increasing)."),
            HyperParameter.text("columns", "value", "Comma-separated value columns, one channel each (forecast together)."),
            HyperParameter.choice("missing", "refuse", List.of("refuse", "interpolate"),
                    "A missing value (empty, NA, NaN): refuse the file, or interpolate linearly in time."),
            HyperParameter.text("anomaly.column", "", "Column of anomaly labels (0 normal, else anomalous); set: detect anomalies."),
            HyperParameter.integer("length", 2000, 10, 10_000_000, "Mackey-Glass: samples."),
            HyperParameter.real("tau", 17.0, 0.1, 1000.0, "Mackey-Glass: delay tau."),
            HyperParameter.integer("discard", 500, 0, 10_000_000, "Mackey-Glass: samples dropped at the start."),
            HyperParameter.integer("difference", 0, 0, 1_000_000,
                    "Lag of the differences the network sees (1: step to step, the season: year on year); 0: the values."),
            HyperParameter.integer("window", 24, 1, 1_000_000, "Input steps before each forecast origin."),
            HyperParameter.integer("horizon", 1, 1, 100_000, "Steps forecast from each origin."),
            HyperParameter.integer("stride", 1, 1, 1_000_000, "Steps between training windows' origins."),
            HyperParameter.choice("forecast", "recursive", List.of("recursive", "direct"),
                    "recursive: one step ahead, outputs fed back; direct: one output per horizon step."),
            HyperParameter.choice("train.layout", "windows", List.of("windows", "whole"),
                    "windows: training windows; whole: the training part as one sequence (recursive only)."),
            HyperParameter.real("train.fraction", 0.6, 0.05, 0.95, "The first fraction of the steps: training."),
            HyperParameter.real("validation.fraction", 0.2, 0.01, 0.9, "The next fraction: validation; the rest is tested."),
            HyperParameter.choice("normalisation", "zscore", List.of("zscore", "minmax", "none"),
                    "Per-channel normalisation fitted on the training part."),
            HyperParameter.integer("season", 1, 1, 1_000_000, "Season of the seasonal-naive baseline and of MASE's scale (1: naive)."),
            HyperParameter.text("plot", "", "PNG file for the test part's forecast plot; empty: none."),
            HyperParameter.choice("anomaly.threshold", "auto", List.of("auto", "quantile", "fbeta"),
                    "Threshold rule on validation scores: quantile, best F-beta on labelled validation anomalies, or auto."),
            HyperParameter.real("anomaly.quantile", 0.99, 0.0, 1.0, "quantile rule: the quantile of validation scores."),
            HyperParameter.real("anomaly.beta", 1.0, 0.01, 100.0, "fbeta rule: beta (0.1 favours precision)."));

    @Activate
    public ForecastApplication() {
    }

    @Override
    public String id() {
        return "forecast";
    }

    @Override
    public String description() {
        return "Time-series forecasting beside persistence and seasonal-naive baselines, with anomaly detection.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("mse");
    }

    @Override
    public Try<TaskData> load(Hyperparameters p, long seed) {
        return Try.of(() -> {
            ForecastSettings s = ForecastSettings.of(p);
            String problems = s.problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems);
            }
            TimeSeries series = s.file().isEmpty() ? mackeyGlass(s)
                    : SeriesCsv.read(Path.of(s.file()), s.timeColumn(), s.columns(), s.anomalyColumn(), s.missing());
            ForecastTask task = new ForecastTask(s, series, Split.of(series.length(), s.trainFraction(),
                    s.validationFraction()));
            Dataset train = part(task, Split.Part.TRAIN, "data.train.fraction");
            Dataset validation = part(task, Split.Part.VALIDATION, "data.validation.fraction");
            Dataset test = part(task, Split.Part.TEST, "data.train.fraction");
            return new TaskData(train, validation, test, "mse", series.source(), sha256(series, p));
        });
    }

    private Dataset part(ForecastTask task, Split.Part part, String key) {
        Dataset d = task.dataset(part);
        if (d.size() == 0) {
            Split sp = task.split();
            throw new IllegalArgumentException(key + ": the " + part.name().toLowerCase(java.util.Locale.ROOT) + " part (steps "
                    + sp.from(part) + " to " + (sp.to(part) - 1) + " of " + sp.length() + ") holds no forecast of "
                    + task.settings().horizon() + " steps after a window of " + task.settings().window());
        }
        return PartContext.attach(task, part, d);
    }

    private static TimeSeries mackeyGlass(ForecastSettings s) {
        double[] raw = MackeyGlass.series(s.discard() + s.length(), s.tau(), 0.1, 10, false, 1.2);
        double[][] v = new double[s.length()][1];
        double[] t = new double[s.length()];
        for (int i = 0; i < s.length(); i++) {
            v[i][0] = raw[s.discard() + i];
            t[i] = i;
        }
        return new TimeSeries(List.of("x"), t, v, new boolean[0], String.format(java.util.Locale.ROOT,
                "mackey-glass(tau=%s, euler dt=0.1 every 10, x0=1.2, discard=%d, length=%d)", s.tau(), s.discard(),
                s.length()));
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return data.size() == 0 ? Map.of() : ForecastEvaluation.of(network, ops, data, seed);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    /** The normalisation statistics of the training part ({@link Normaliser#payloads()}). */
    @Override
    public Payloads payloads(TaskData data) {
        if (data.train().size() == 0) {
            return Payloads.empty();
        }
        return data.train().context(PartContext.class).flatMap(c -> c.find(data.train().get(0)))
                .map(e -> e.task().normaliser().payloads()).orElse(Payloads.empty());
    }

    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        ForecastSettings s = ForecastSettings.of(params);
        if (payloads.numbers(Normaliser.OFFSET).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ForecastFormat(s, Normaliser.of(payloads, s.columns().size())));
    }

    /** SHA-256 of the series (times, values and labels as big-endian doubles) and the settings. */
    private static String sha256(TimeSeries s, Hyperparameters p) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(8 * s.length() * (2 + s.channels()));
        for (int t = 0; t < s.length(); t++) {
            buf.putDouble(s.time(t));
            for (int c = 0; c < s.channels(); c++) {
                buf.putDouble(s.value(t, c));
            }
            buf.putDouble(s.anomaly(t) ? 1 : 0);
        }
        md.update(buf.array());
        md.update(new TreeMap<>(p.asStrings()).toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    static List<String> metricNames(boolean detects) {
        List<String> out = new java.util.ArrayList<>();
        for (String prefix : new String[] {"", "baseline.persistence.", "baseline.seasonal."}) {
            Arrays.stream(ForecastMetrics.NAMES).forEach(n -> out.add(prefix + n));
        }
        if (detects) {
            out.addAll(List.of("anomaly.threshold", "anomaly.flagged", "anomaly.precision", "anomaly.recall", "anomaly.f1"));
        }
        return out;
    }
}
