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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Movement sequences composed of shared primitives, after the behaviour sequences of Yamashita and
 * Tani (2008): three planar primitives ({@link Trajectories#primitive}), each a loop through the
 * origin of {@code primitive.length} steps, composed into up to four sequences of three primitives,
 * {@code A B C}, {@code C A B}, {@code B C A} and {@code A C B} (the last shares its first primitive
 * with the first, so the network must hold which sequence it is in through it). Inputs: a one-hot
 * selector of the sequence's index at step 0, zeros after, so that every sequence is generated in
 * closed loop from its first step alone (an MTRNN turns the selector into the slow units' initial
 * state). Targets: the positions. Training and test sets hold each sequence once (the training
 * targets with optional seeded noise); no validation set. Loss {@code mse}.
 *
 * <p>Metrics over the evaluated set: {@code mse.seq<k>} of each sequence, their mean {@code mse} and
 * maximum {@code mse.max}, and {@code selected}, the fraction of sequences whose generated movement
 * is closer (in mean squared error) to its own target than to any other sequence's.
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=motion-primitives")
public final class PrimitivesApplication implements Application {
    /** The sequences, as orders of the primitives 0, 1, 2. */
    static final int[][] ORDERS = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}, {0, 2, 1}};

    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("primitive.length", 20, 2, 100_000, "Steps per primitive."),
            HyperParameter.integer("sequences", 4, 1, ORDERS.length,
                    "Sequences: the first of A B C, C A B, B C A, A C B."),
            HyperParameter.real("noise", 0.0, 0.0, 100.0, "Standard deviation of Gaussian noise on the training targets (seeded)."));

    @Activate
    public PrimitivesApplication() {
    }

    @Override
    public String id() {
        return "motion-primitives";
    }

    @Override
    public String description() {
        return "Movement sequences composed of three shared primitives, each selected at its first step.";
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
            int k = p.getInt("sequences");
            long length = 3L * p.getInt("primitive.length");
            return new DataShape("data.primitive.length", 2L * k, 2L * k * length, length, k, 2,
                    DataShape.sequenceBytes(2L * k, 2L * k * length, k, 2));
        });
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Hyperparameters p = Validated.of(SCHEMA, params);
            Dataset train = sequences(p, new SplittableRandom(seed), p.getDouble("noise"));
            Dataset test = sequences(p, null, 0);
            Dataset none = new Dataset(List.of(), train.inputSize(), 2);
            String source = "motion-primitives seed=" + seed + " " + p.asStrings();
            return new TaskData(train, none, test, "mse", source, Dataset.sha256(train, none, test));
        });
    }

    private static Dataset sequences(Hyperparameters p, SplittableRandom random, double noise) {
        int k = p.getInt("sequences");
        int length = p.getInt("primitive.length");
        List<Sequence> all = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int steps = ORDERS[i].length * length;
            double[][] x = new double[steps][k];
            double[][] y = new double[steps][];
            x[0][i] = 1;
            for (int t = 0; t < steps; t++) {
                y[t] = Trajectories.primitive(ORDERS[i][t / length], (t % length + 1) / (double) length);
                for (int o = 0; noise > 0 && o < 2; o++) {
                    y[t][o] += noise * random.nextGaussian();
                }
            }
            boolean[] mask = new boolean[steps];
            Arrays.fill(mask, true);
            all.add(new Sequence(x, y, mask));
        }
        return new Dataset(all, k, 2);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        int n = data.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        double sum = 0;
        double max = 0;
        int selected = 0;
        for (int k = 0; k < n; k++) {
            double own = mse(outputs.get(k), data.get(k).targets());
            boolean closest = true;
            for (int j = 0; j < n; j++) {
                closest &= j == k || mse(outputs.get(k), data.get(j).targets()) > own;
            }
            selected += closest ? 1 : 0;
            sum += own;
            max = Math.max(max, own);
            metrics.put("mse.seq" + k, own);
        }
        metrics.put("mse", n == 0 ? 0 : sum / n);
        metrics.put("mse.max", max);
        metrics.put("selected", n == 0 ? 0 : selected / (double) n);
        return metrics;
    }

    /** The mean squared error over the steps both have. */
    private static double mse(double[][] outputs, double[][] targets) {
        int steps = Math.min(outputs.length, targets.length);
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < targets[t].length; o++) {
                sum += Math.pow(outputs[t][o] - targets[t][o], 2);
            }
        }
        return steps == 0 ? 0 : sum / ((double) steps * targets[0].length);
    }
}
