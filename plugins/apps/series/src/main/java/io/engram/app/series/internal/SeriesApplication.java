package io.engram.app.series.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Synthetic time series for next-step prediction: the Mackey-Glass system ({@link MackeyGlass}) or
 * superimposed sines ({@link Sines}),
 * cut into training and test sets by one of two protocols ({@link SeriesLayout}) and scored one
 * step ahead and running free ({@link SeriesMetrics}: {@code rmse}, {@code nrmse},
 * {@code nrmse.free}, {@code log10.nrmse.free}, {@code mse}, {@code mse.free}); the first
 * {@code train.washout} steps of a training sequence carry no target. The loss is {@code mse}; there is no validation
 * set (a trainer that needs one splits the training data). The series is deterministic: the seed
 * changes nothing.
 *
 * <p>Registered with {@code engram.application=series}; stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=series")
public final class SeriesApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("series", "mackey-glass", List.of("mackey-glass", "sines"),
                    "mackey-glass, or sines: superimposed sines sum_k sin(f_k t), t = 0, 1, ... (Wierstra et al. 2005)."),
            HyperParameter.text("frequencies", "0.2,0.311",
                    "sines: the frequencies f_k, comma-separated (the paper's 3 and 4 sines add 0.42 and 0.51)."),
            HyperParameter.integer("train.washout", 0, 0, 10_000_000,
                    "Steps at the start of the training sequence that carry no target (the state settles)."),
            HyperParameter.real("tau", 17.0, 0.1, 1000.0, "Mackey-Glass delay tau (chaotic above about 16.8)."),
            HyperParameter.choice("integrator", "euler", List.of("euler", "rk4"),
                    "euler (Jaeger's) or rk4 (ReservoirPy's, the delayed value held over a step)."),
            HyperParameter.real("dt", 0.1, 1e-4, 10.0, "Integration step."),
            HyperParameter.integer("subsample", 10, 1, 10_000, "Keep every k-th integration step as a sample."),
            HyperParameter.real("x0", 1.2, 0.01, 10.0, "The constant history x(t) for t <= 0."),
            HyperParameter.choice("transform", "none", List.of("none", "tanh"),
                    "none, or tanh: each sample x becomes tanh(x - 1) (Jaeger and Haas's squashing)."),
            HyperParameter.integer("discard", 1000, 0, 10_000_000, "Samples dropped at the start (the transient)."),
            HyperParameter.choice("protocol", "trials", List.of("trials", "split"),
                    "trials: a training run, then free-running test trials; split: one series split into training and test."),
            HyperParameter.integer("train.length", 3000, 2, 10_000_000, "trials: training steps."),
            HyperParameter.integer("test.trials", 100, 0, 100_000, "trials: test sequences."),
            HyperParameter.integer("test.warmup", 1000, 1, 1_000_000, "trials: steps driven by the true series before the free run."),
            HyperParameter.integer("horizon", 84, 1, 1_000_000, "trials: steps predicted running free."),
            HyperParameter.integer("length", 2000, 3, 10_000_000, "split: samples of the series."),
            HyperParameter.real("test.fraction", 0.2, 0.0, 0.9, "split: the last fraction of the input-target pairs tested."));

    @Activate
    public SeriesApplication() {
    }

    @Override
    public String id() {
        return "series";
    }

    @Override
    public String description() {
        return "Synthetic time series (Mackey-Glass, superimposed sines): next-step prediction, one step ahead and running free.";
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
            int samples = SeriesLayout.samples(p);
            int discard = p.getInt("discard");
            double[] raw = p.getString("series").equals("sines")
                    ? Sines.series(discard + samples, Sines.frequencies(p.getString("frequencies")))
                    : MackeyGlass.series(discard + samples, p.getDouble("tau"), p.getDouble("dt"),
                    p.getInt("subsample"), p.getString("integrator").equals("rk4"), p.getDouble("x0"));
            double[] s = Arrays.copyOfRange(raw, discard, discard + samples);
            if (p.getString("transform").equals("tanh")) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = Math.tanh(s[i] - 1);
                }
            }
            List<Dataset> sets = SeriesLayout.cut(s, p);
            Dataset none = new Dataset(List.of(), 1, 1);
            return new TaskData(sets.get(0), none, sets.get(1), "mse", source(p), sha256(s, p));
        });
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return SeriesMetrics.of(network, ops, data, seed);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    private static String source(Hyperparameters p) {
        if (p.getString("series").equals("sines")) {
            return String.format("sines(frequencies=%s, discard=%d, protocol=%s)", p.getString("frequencies"),
                    p.getInt("discard"), p.getString("protocol"));
        }
        return String.format("mackey-glass(tau=%s, %s dt=%s every %d, x0=%s, transform=%s, discard=%d, protocol=%s)",
                p.getDouble("tau"), p.getString("integrator"), p.getDouble("dt"), p.getInt("subsample"),
                p.getDouble("x0"), p.getString("transform"), p.getInt("discard"), p.getString("protocol"));
    }

    /** SHA-256 of the samples (big-endian doubles) and the protocol's settings. */
    private static String sha256(double[] s, Hyperparameters p) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 * s.length);
        for (double v : s) {
            buf.putDouble(v);
        }
        md.update(buf.array());
        md.update(new java.util.TreeMap<>(p.asStrings()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : md.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
