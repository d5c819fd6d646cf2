package io.engram.app.patterns.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Tasks for associative memories (Hopfield 1982; Kosko 1988), generated from the job's seed: store
 * {@code p = max(1, round(load * size))} random bipolar patterns, then recall them from noisy cues
 * ({@link PatternSets}).
 * <ul>
 *   <li>{@code auto}: patterns of {@code size} units, each its own target (a Hopfield network of
 *   {@code size} units);</li>
 *   <li>{@code pairs}: pairs of a pattern of {@code size} units and one of {@code pair.size} units
 *   (0: as many), the second the target of the first (a BAM between the two layers).</li>
 * </ul>
 * The training set holds the patterns to store (one step each, for the {@code hebbian} trainer);
 * the validation and test sets hold cues with {@code round(noise * size)} units flipped, followed by
 * {@code recall.steps} steps of zero inputs in which the memory runs freely, the clean target due at
 * the last step. Loss {@code mse}; metrics {@code bit.error} and {@code recalled} ({@link RecallError}),
 * read from the network's outputs, so any family can be judged. The load against which recall breaks
 * down (about {@code 0.138 size} for Hebb's rule, Amit, Gutfreund and Sompolinsky 1985) shows in the
 * {@code hebbian} trainer's epochs, each storing more of the patterns. Training, validation and
 * test data come from independent streams split off the seed; the digest is the SHA-256 of the three
 * sets ({@link Dataset#sha256}). Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=patterns")
public final class PatternsApplication implements Application {
    static final int MAX_SIZE = 4096;
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "auto", java.util.List.of("auto", "pairs"),
                    "auto: patterns that are their own targets (Hopfield); pairs: a pattern and its partner (BAM)."),
            HyperParameter.integer("size", 100, 1, MAX_SIZE, "Units of a pattern (of the first of a pair)."),
            HyperParameter.integer("pair.size", 0, 0, MAX_SIZE, "pairs: units of the second pattern of a pair; 0 for size."),
            HyperParameter.real("load", 0.05, 0.0, 4.0, "Patterns stored per unit, p/size; p = max(1, round(load * size))."),
            HyperParameter.real("noise", 0.1, 0.0, 0.5, "Fraction of a cue's units flipped (round(noise * size) of them)."),
            HyperParameter.integer("recall.steps", 10, 1, 1000, "Steps of zero inputs after a cue; the target is due at the last."),
            HyperParameter.integer("validation.size", 20, 1, 1_000_000, "Validation cues (cue k of pattern k mod p)."),
            HyperParameter.integer("test.size", 100, 0, 1_000_000, "Test cues (cue k of pattern k mod p)."));

    @Activate
    public PatternsApplication() {
    }

    @Override
    public String id() {
        return "patterns";
    }

    @Override
    public String description() {
        return "Random bipolar patterns (auto) or pairs at a load p/N, recalled from noisy cues; metric bit.error.";
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
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Optional.empty();
        }
        Hyperparameters h = v.get();
        long cues = (long) h.getInt("validation.size") + h.getInt("test.size");
        long length = 1L + h.getInt("recall.steps");
        long sequences = patterns(h) + cues;
        long steps = patterns(h) + cues * length;
        int in = h.getInt("size");
        int out = outputs(h);
        return Optional.of(new DataShape("data.load", sequences, steps, length, in, out,
                DataShape.sequenceBytes(sequences, steps, in, out)));
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidParameters(v.getError());
            }
            Hyperparameters h = v.get();
            if (h.getString("task").equals("auto") && h.getInt("pair.size") != 0) {
                throw new InvalidParameters(List.of(Problem.of("data.pair.size",
                        "applies to task pairs only; task auto's patterns are their own targets")));
            }
            return generate(h, seed);
        });
    }

    private static TaskData generate(Hyperparameters h, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom patternRandom = root.split();
        SplittableRandom validationRandom = root.split();
        SplittableRandom testRandom = root.split();
        int p = patterns(h);
        double[][] inputs = PatternSets.random(patternRandom, p, h.getInt("size"));
        double[][] targets = h.getString("task").equals("auto") ? inputs : PatternSets.random(patternRandom, p, outputs(h));
        double noise = h.getDouble("noise");
        int steps = h.getInt("recall.steps");
        Dataset train = PatternSets.stored(inputs, targets);
        Dataset validation = PatternSets.cues(validationRandom, inputs, targets, h.getInt("validation.size"), noise, steps);
        Dataset test = PatternSets.cues(testRandom, inputs, targets, h.getInt("test.size"), noise, steps);
        String source = "patterns:" + h.getString("task") + " seed=" + seed + " " + h.asStrings();
        return new TaskData(train, validation, test, "mse", source, Dataset.sha256(train, validation, test));
    }

    /** {@code p = max(1, round(load * size))}. */
    static int patterns(Hyperparameters h) {
        return (int) Math.max(1, Math.round(h.getDouble("load") * h.getInt("size")));
    }

    private static int outputs(Hyperparameters h) {
        return h.getString("task").equals("auto") || h.getInt("pair.size") == 0 ? h.getInt("size") : h.getInt("pair.size");
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return RecallError.of(data, SequenceOutputs.of(network, ops, data, seed));
    }
}
