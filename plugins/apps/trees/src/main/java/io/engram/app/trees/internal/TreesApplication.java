package io.engram.app.trees.internal;

import io.engram.api.Application;
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
 * Labelled binary trees for the recursive families ({@code recursive}, {@code rntn}), given as
 * their post-order linearisation ({@link TreeEncoding}): one step per node, a label at every node.
 * Task {@code arithmetic}: expressions over the digits with {@code +} and {@code -} modulo
 * {@code modulus} ({@link ArithmeticTrees}), training and validation expressions of depths in
 * {@code [depth.min, depth.max]}, test expressions of depths in
 * {@code [test.depth.min, test.depth.max]} (deeper ones: depths unseen in training), each set from
 * its own stream split off the seed. Task {@code treebank}: Penn-style bracketed files
 * ({@link TreeReader}, {@link Treebank}) such as the Stanford Sentiment Treebank's
 * {@code (3 (2 the) (3 (3 good) (2 film)))}, whose problems are named by file, line and column.
 * Loss {@code softmax-ce} at every labelled node; metrics {@link TreeMetrics}. The digest is the
 * SHA-256 of the three sets. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=trees")
public final class TreesApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "arithmetic", java.util.List.of("arithmetic", "treebank"),
                    "arithmetic (expression trees from the seed) or treebank (bracketed files)."),
            HyperParameter.integer("modulus", 10, 2, 1000, "Arithmetic: digits 0 .. modulus-1, values modulo it."),
            HyperParameter.integer("depth.min", 1, 0, 30, "Arithmetic: fewest nested operations of a training expression."),
            HyperParameter.integer("depth.max", 3, 0, 30, "Arithmetic: most nested operations of a training expression."),
            HyperParameter.integer("test.depth.min", 0, 0, 30, "Arithmetic: fewest operations of a test expression; 0: as in training."),
            HyperParameter.integer("test.depth.max", 0, 0, 30, "Arithmetic: most operations of a test expression; 0: as in training."),
            HyperParameter.integer("train.size", 1000, 1, 10_000_000, "Arithmetic: training expressions."),
            HyperParameter.integer("validation.size", 100, 0, 10_000_000, "Arithmetic: validation expressions."),
            HyperParameter.integer("test.size", 100, 0, 10_000_000, "Arithmetic: test expressions."),
            HyperParameter.inputFile("train.file", "", "Treebank: bracketed training trees (vocabulary and labels come from it)."),
            HyperParameter.inputFile("validation.file", "", "Treebank: bracketed validation trees; empty: none."),
            HyperParameter.inputFile("test.file", "", "Treebank: bracketed test trees; empty: none."));

    @Activate
    public TreesApplication() {
    }

    @Override
    public String id() {
        return "trees";
    }

    @Override
    public String description() {
        return "Labelled binary trees in post-order: arithmetic expressions, bracketed treebanks (Socher et al. 2013).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("softmax-ce");
    }

    /** The three sets; every problem with the parameters named, and the file, line and column. */
    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        Validation<Seq<Problem>, TreesSettings> v = TreesSettings.of(SCHEMA, params);
        if (v.isInvalid()) {
            return Try.failure(new IllegalArgumentException(v.getError().mkString("; ")));
        }
        TreesSettings s = v.get();
        String source = "trees seed=" + (s.task().equals("treebank") ? "-" : seed) + " " + params.asStrings();
        return s.load(seed).map(sets -> new TaskData(sets[0], sets[1], sets[2], "softmax-ce", source, Dataset.sha256(sets)));
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    /** {@code node.accuracy} and {@code root.accuracy} ({@link TreeMetrics}). */
    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return TreeMetrics.of(data, SequenceOutputs.of(network, ops, data, seed));
    }
}
