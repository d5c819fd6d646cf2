package io.engram.app.algorithmic.internal;

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
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The algorithmic tasks of Graves, Wayne and Danihelka (2014) ({@link Tasks}): copy, repeat-copy and
 * associative recall of random bit vectors; lookahead, a tagging task that needs the future
 * context (Schuster and Paliwal 1997); and the graph traversal of Graves et al. (2016)
 * ({@link GraphTask}), its sizes counting hops. Training and validation sequences have sizes drawn
 * uniformly from {@code [length.min, length.max]} (vectors, or items for recall); test sequences from
 * {@code [test.length.min, test.length.max]} when given (generalisation to longer sequences), else
 * from the training range. Loss {@code sigmoid-bce} at the steps where an answer is due; metrics
 * {@link BitErrors}. The three sets come from independent streams split off the seed; the digest is
 * the SHA-256 of all three. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=algorithmic")
public final class AlgorithmicApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "copy", java.util.List.of("copy", "repeat-copy", "recall", "lookahead", "traversal"),
                    "copy, repeat-copy, recall (associative recall), lookahead (each step tagged with the "
                            + "vector that comes 'ahead' steps later) or traversal (following labelled edges of a random graph)."),
            HyperParameter.integer("bits", 8, 1, 1024, "Bits per vector."),
            HyperParameter.integer("length.min", 1, 1, 100_000, "Fewest vectors per sequence (items for recall, at least 2)."),
            HyperParameter.integer("length.max", 20, 1, 100_000, "Most vectors per sequence (items for recall, hops for traversal)."),
            HyperParameter.integer("test.length.min", 0, 0, 100_000, "Fewest vectors per test sequence; 0: as in training."),
            HyperParameter.integer("test.length.max", 0, 0, 100_000, "Most vectors per test sequence; 0: as in training."),
            HyperParameter.integer("repeats.min", 1, 1, 1000, "Fewest repeats (repeat-copy)."),
            HyperParameter.integer("repeats.max", 10, 1, 1000, "Most repeats (repeat-copy); the repeat channel is repeats / repeats.max."),
            HyperParameter.integer("item.length", 3, 1, 1000, "Vectors per item (recall)."),
            HyperParameter.integer("ahead", 2, 1, 100_000, "Steps ahead of the vector due at each step (lookahead)."),
            HyperParameter.integer("train.size", 1000, 1, 10_000_000, "Training sequences."),
            HyperParameter.integer("validation.size", 100, 0, 10_000_000, "Validation sequences."),
            HyperParameter.integer("test.size", 100, 0, 10_000_000, "Test sequences."),
            HyperParameter.integer("graph.nodes", 6, 2, 10_000, "Nodes of each random graph (traversal)."),
            HyperParameter.integer("graph.labels", 2, 1, 100, "Edge labels; every node has one outgoing edge of each (traversal)."));

    @Activate
    public AlgorithmicApplication() {
    }

    @Override
    public String id() {
        return "algorithmic";
    }

    @Override
    public String description() {
        return "Copy, repeat-copy and associative recall of random bit vectors (Graves et al. 2014); lookahead tagging; "
                + "graph traversal (Graves et al. 2016).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("sigmoid-bce");
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, AlgorithmicSettings> v = AlgorithmicSettings.of(SCHEMA, params);
        return v.isValid() ? Optional.of(v.get().shape()) : Optional.empty();
    }

    /** The three sets; every problem with the parameters named. */
    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        Validation<Seq<Problem>, AlgorithmicSettings> v = AlgorithmicSettings.of(SCHEMA, params);
        if (v.isInvalid()) {
            return Try.failure(new IllegalArgumentException(v.getError().mkString("; ")));
        }
        Dataset[] sets = v.get().generate(seed);
        String source = "algorithmic seed=" + seed + " " + params.asStrings();
        return Try.success(new TaskData(sets[0], sets[1], sets[2], "sigmoid-bce", source, Dataset.sha256(sets)));
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    /** {@code bit.errors}, {@code bit.error.rate} and {@code sequence.accuracy} ({@link BitErrors}). */
    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return BitErrors.of(data, SequenceOutputs.of(network, ops, data, seed));
    }
}
