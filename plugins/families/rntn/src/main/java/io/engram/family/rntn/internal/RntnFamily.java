package io.engram.family.rntn.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.layers.LayerSchema;
import io.engram.layers.TreeStack;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The recursive neural tensor network (RNTN) over binary trees: Socher, Perelygin, Wu, Chuang,
 * Manning, Ng and Potts (2013), "Recursive deep models for semantic compositionality over a
 * sentiment treebank", EMNLP, section 4.4. A node's vector is
 * {@code tanh(c^T V^[1:d] c + W c + b)} of its children's {@code c = [c_1; c_2]} (eq. 3,
 * {@link RntnCell}): the tensor lets each child modify how the other is composed (a negation
 * flipping the sentiment of what it applies to), beyond the sum of linear terms of the standard
 * recursive network. A leaf's vector is its word's embedding and every node has a softmax read-out
 * of its label (section 4.1). Training is backpropagation through structure (Goller and Kuechler
 * 1996) of the per-node cross-entropy. Trees come as their post-order linearisation, one step per
 * node ({@link RntnNetwork}, {@link TreeStack}): the input of a step is the word's features (one-hot
 * over {@code V} words) followed by a {@code leaf} and a {@code reduce} channel, so
 * {@code inputSize = V + 2}. Trees must be binary, as in the paper's treebank.
 *
 * <p>Hyperparameters: {@code hidden}, the size {@code d} of the node vectors; {@code capacity}, the
 * stack's vectors {@code C} (a tree of height {@code k} needs {@code k + 1}; deeper trees lose their
 * bottom vectors); {@code init.scale}, initial weights uniform in {@code [-s, s] / sqrt(fan-in)}
 * (embeddings in {@code [-s, s]}), the tensor's scaled by {@code tensor.scale} besides, biases 0.
 * The parameters ({@code embedding}, {@code v}, {@code w}, {@code b}, {@code w.out},
 * {@code b.out}) are all a checkpoint holds.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=rntn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class RntnFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 16, 1, 4096, "Size d of the node vectors."),
            HyperParameter.integer("capacity", 32, 2, 100_000, "Stack vectors C: a tree of height k needs k + 1."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Weights uniform in [-s, s] / sqrt(fan-in), embeddings in [-s, s]."),
            HyperParameter.real("tensor.scale", 0.1, 0.0, 100.0, "The tensor V's initial weights are init.scale * tensor.scale / sqrt(2d)."));

    @Activate
    public RntnFamily() {
    }

    @Override
    public String id() {
        return "rntn";
    }

    @Override
    public String description() {
        return "Recursive neural tensor network over binary trees: a bilinear tensor composition (Socher et al. 2013).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The input is a word's features and the two channels: at least 3 wide (once the data's size is known, not 0). */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        return spec.inputSize() > 0 && spec.inputSize() < 3
                ? List.of(Problem.of("model.inputs", "a tree step is the word's features, a leaf and a reduce channel: "
                        + "at least 3 inputs, got " + spec.inputSize()))
                : List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Seq<Problem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.map(Problem::toString).mkString("; "));
        }
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        int d = h.getInt("hidden");
        double s = h.getDouble("init.scale");
        SplittableRandom r = new SplittableRandom(seed);
        Ops ops = backend.ops();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("embedding", uniform(ops, spec, r, s, spec.inputSize() - 2, d));
        p.put("v", uniform(ops, spec, r, s * h.getDouble("tensor.scale") / Math.sqrt(2 * d), 4 * d * d, d));
        p.put("w", uniform(ops, spec, r, s / Math.sqrt(2 * d), 2 * d, d));
        p.put("b", ops.zeros(spec.dtype(), Shape.of(d)));
        p.put("w.out", uniform(ops, spec, r, s / Math.sqrt(d), d, spec.outputSize()));
        p.put("b.out", ops.zeros(spec.dtype(), Shape.of(spec.outputSize())));
        return new RntnNetwork(spec, d, h.getInt("capacity"), p);
    }

    private static Tensor uniform(Ops ops, ModelSpec spec, SplittableRandom r, double scale, int... dims) {
        Shape shape = Shape.of(dims);
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale == 0 ? 0 : r.nextDouble(-scale, scale);
        }
        return ops.fromArray(spec.dtype(), shape, v);
    }
}
