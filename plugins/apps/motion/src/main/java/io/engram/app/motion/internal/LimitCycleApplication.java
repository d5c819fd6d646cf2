package io.engram.app.motion.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Limit-cycle generation: from no input (one input that is always 0), produce an oscillation of a
 * given period, the task Beer (1995) and the CTRNN literature use to show that a continuous-time
 * network holds a stable periodic orbit. The training set is one sequence of {@code cycles} periods
 * of the shape ({@link Trajectories#cycle}); the test set is one sequence {@code horizon} times as
 * long, far beyond what training saw; there is no validation set. Loss {@code mse}.
 *
 * <p>Metrics, per sequence of the evaluated set and averaged over them, with the network run free
 * over the sequence's length: {@code period} (the generated period of the first output in steps,
 * over the second half of the sequence; 0 if it does not oscillate there), {@code period.error}
 * (its relative error against the target's period measured the same way), {@code amplitude.error}
 * (the relative error of the half range of each output over the last target period, averaged over
 * the outputs), {@code mse} (over every step: it grows with any drift of phase). On the test set
 * the second half lies {@code horizon / 2} to {@code horizon} training lengths from the start.
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=limit-cycle")
public final class LimitCycleApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("shape", "circle", Trajectories.SHAPES,
                    "sine (1 output), circle or figure-eight (2 outputs, the 1:2 Lissajous figure)."),
            HyperParameter.real("period", 25.0, 2.0, 100_000.0, "Steps per cycle."),
            HyperParameter.real("amplitude", 0.8, 1e-6, 100.0, "Amplitude of the first coordinate."),
            HyperParameter.real("cycles", 3.0, 0.5, 10_000.0, "Training horizon, in periods."),
            HyperParameter.integer("horizon", 10, 1, 10_000, "Length of the test sequence, in training horizons."),
            HyperParameter.real("noise", 0.0, 0.0, 100.0, "Standard deviation of Gaussian noise on the training targets (seeded)."));

    @Activate
    public LimitCycleApplication() {
    }

    @Override
    public String id() {
        return "limit-cycle";
    }

    @Override
    public String description() {
        return "Generate an oscillation of a given period from no input; judged far beyond the training horizon.";
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
    public Optional<DataShape> shape(Hyperparameters params) {
        return Try.of(() -> Validated.of(SCHEMA, params)).toJavaOptional().map(p -> {
            long train = trainingSteps(p);
            long test = train * p.getInt("horizon");
            int d = Trajectories.dimensions(p.getString("shape"));
            return new DataShape("data.horizon", 2, train + test, Math.max(train, test), 1, d,
                    DataShape.sequenceBytes(2, train + test, 1, d));
        });
    }

    private static int trainingSteps(Hyperparameters p) {
        return (int) Math.max(2, Math.round(p.getDouble("cycles") * p.getDouble("period")));
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Hyperparameters p = Validated.of(SCHEMA, params);
            int steps = trainingSteps(p);
            long testSteps = (long) steps * p.getInt("horizon");
            if (testSteps > 10_000_000) {
                throw new IllegalArgumentException("data.horizon: the test sequence would have " + testSteps
                        + " steps (cycles * period * horizon), more than 10000000");
            }
            Dataset train = sequence(p, steps, new SplittableRandom(seed), p.getDouble("noise"));
            Dataset test = sequence(p, (int) testSteps, null, 0);
            Dataset none = new Dataset(List.of(), 1, train.outputSize());
            String source = "limit-cycle seed=" + seed + " " + p.asStrings();
            return new TaskData(train, none, test, "mse", source, Dataset.sha256(train, none, test));
        });
    }

    private static Dataset sequence(Hyperparameters p, int steps, SplittableRandom random, double noise) {
        String shape = p.getString("shape");
        int d = Trajectories.dimensions(shape);
        double[][] x = new double[steps][1];
        double[][] y = new double[steps][];
        for (int t = 0; t < steps; t++) {
            y[t] = Trajectories.cycle(shape, p.getDouble("amplitude"), (t + 1) / p.getDouble("period"));
            for (int o = 0; noise > 0 && o < d; o++) {
                y[t][o] += noise * random.nextGaussian();
            }
        }
        boolean[] mask = new boolean[steps];
        Arrays.fill(mask, true);
        return new Dataset(List.of(new Sequence(x, y, mask)), 1, d);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        double[] sums = new double[4];
        for (int i = 0; i < data.size(); i++) {
            double[] m = CycleMetrics.of(data.get(i).targets(), outputs.get(i));
            for (int k = 0; k < sums.length; k++) {
                sums[k] += m[k] / data.size();
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("period", sums[0]);
        metrics.put("period.error", sums[1]);
        metrics.put("amplitude.error", sums[2]);
        metrics.put("mse", sums[3]);
        return metrics;
    }
}
