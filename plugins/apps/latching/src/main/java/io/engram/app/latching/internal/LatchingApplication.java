package io.engram.app.latching.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The latching problem ({@link Latching}): a class given in the first {@code key} steps must be
 * reported after {@code length - key} steps of noise. Loss {@code mse} at the last step; metrics
 * {@code accuracy}, the fraction of sequences whose last output has the class's sign, and
 * {@code mse}. Training, validation and test sets come from independent streams split off the seed;
 * the digest is the SHA-256 of all three. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=latching")
public final class LatchingApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("length", 20, 2, 1_000_000, "Steps per sequence, T."),
            HyperParameter.integer("key", 3, 1, 1_000_000, "Leading steps that carry the class (less than length)."),
            HyperParameter.real("noise", 0.2, 0.0, 100.0, "Variance of the Gaussian noise after the key."),
            HyperParameter.integer("train.size", 500, 1, 1_000_000, "Training sequences."),
            HyperParameter.integer("validation.size", 100, 0, 1_000_000, "Validation sequences."),
            HyperParameter.integer("test.size", 500, 0, 1_000_000, "Test sequences."));

    @Activate
    public LatchingApplication() {
    }

    @Override
    public String id() {
        return "latching";
    }

    @Override
    public String description() {
        return "The latching problem: a class in the first steps, reported after a long stretch of noise.";
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
        return valid(params).map(p -> {
            long sequences = (long) p.getInt("train.size") + p.getInt("validation.size") + p.getInt("test.size");
            long steps = sequences * p.getInt("length");
            return new DataShape("data.train.size", sequences, steps, p.getInt("length"), 1, 1,
                    DataShape.sequenceBytes(sequences, steps, 1, 1));
        }).toJavaOptional();
    }

    private static io.vavr.control.Option<Hyperparameters> valid(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isValid() && v.get().getInt("key") < v.get().getInt("length") ? io.vavr.control.Option.of(v.get())
                : io.vavr.control.Option.none();
    }

    /** The three sets; every problem with the parameters named, the key checked against the length. */
    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Try.failure(new IllegalArgumentException(v.getError().mkString("; ")));
        }
        Hyperparameters p = v.get();
        int length = p.getInt("length");
        int key = p.getInt("key");
        if (key >= length) {
            return Try.failure(new IllegalArgumentException(Problem.of("data.key",
                    "must be less than length (" + length + "), got " + key).toString()));
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = {root.split(), root.split(), root.split()};
        String[] sizes = {"train.size", "validation.size", "test.size"};
        Dataset[] sets = new Dataset[3];
        for (int i = 0; i < 3; i++) {
            java.util.List<Sequence> seqs = new ArrayList<>();
            for (int n = 0; n < p.getInt(sizes[i]); n++) {
                seqs.add(Latching.sequence(streams[i], length, key, p.getDouble("noise")));
            }
            sets[i] = new Dataset(seqs, 1, 1);
        }
        String source = "latching seed=" + seed + " " + p.asStrings();
        return Try.success(new TaskData(sets[0], sets[1], sets[2], "mse", source, Dataset.sha256(sets)));
    }


    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    /** {@code accuracy} (the last output's sign is the class's) and {@code mse} at the last step. */
    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        java.util.List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        int right = 0;
        double se = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int last = s.length() - 1;
            double out = outputs.get(i)[last][0];
            double target = s.target(last, 0);
            right += Math.signum(out) == Math.signum(target) ? 1 : 0;
            se += (out - target) * (out - target);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", data.size() == 0 ? 0.0 : right / (double) data.size());
        m.put("mse", data.size() == 0 ? 0.0 : se / data.size());
        return m;
    }
}
