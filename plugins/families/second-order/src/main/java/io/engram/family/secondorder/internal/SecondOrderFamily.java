package io.engram.family.secondorder.internal;

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
 * The second-order recurrent network of Giles, Miller, Chen, Chen, Sun and Lee (1992), "Learning
 * and extracting finite state automata with second-order recurrent neural networks", Neural
 * Computation 4(3), 393-405, the state update:
 * <pre>
 *   s_i(t+1) = g( sum_{j,k} W_ijk s_j(t) x_k(t) ),    g(z) = 1 / (1 + e^-z)
 * </pre>
 * with a bias {@code b_i} added inside {@code g}: {@code N} sigmoid state neurons {@code s} updated by
 * the products of the previous state and the one-hot input symbol {@code x}, so that each symbol
 * {@code k} selects its own transition matrix {@code W_{..k}} ({@link SecondOrderCell}). The first
 * {@code outputSize} state neurons are read as the response neurons ({@link SecondOrderNetwork}): a
 * string is accepted when the response neuron is high after its end symbol. Trained by BPTT (any
 * trainer of {@link Capability#DIFFERENTIABLE} or {@link Capability#FLAT_PARAMETERS} networks); an
 * automaton is extracted from a trained network by quantising its states and minimising
 * ({@link io.engram.layers.automaton.AutomatonExtraction}, the paper's section 4).
 *
 * <p>Hyperparameters: {@code hidden}, the number {@code N} of state neurons including the response
 * neurons (at least the output size); {@code init.scale}, initial weights and biases uniform in
 * {@code [-scale, scale]}. Parameters {@code w [N*K, N]} and {@code b [N]} are all a checkpoint holds.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=second-order",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class SecondOrderFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 4, 1, 1024, "State neurons N, the response neurons (the first output-size ones) included."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Initial weights and biases are uniform in [-scale, scale]."));

    @Activate
    public SecondOrderFamily() {
    }

    @Override
    public String id() {
        return "second-order";
    }

    @Override
    public String description() {
        return "Second-order recurrent network: state x input products, a response neuron (Giles et al. 1992).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The response neurons are state neurons: {@code hidden} must be at least the output size. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        int hidden = LayerSchema.complete(SCHEMA, spec.hyper()).getInt("hidden");
        return spec.outputSize() > hidden
                ? List.of(Problem.of("model.hidden", "must be at least the output size " + spec.outputSize()
                        + " (the response neurons are state neurons), got " + hidden))
                : List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Seq<Problem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.map(Problem::toString).mkString("; "));
        }
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        int n = h.getInt("hidden");
        double scale = h.getDouble("init.scale");
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("w", uniform(backend.ops(), spec, r, scale, n * spec.inputSize(), n));
        p.put("b", uniform(backend.ops(), spec, r, scale, n));
        return new SecondOrderNetwork(spec, n, p);
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
