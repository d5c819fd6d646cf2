package io.engram.family.nnpda.internal;

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
 * The neural network pushdown automaton (NNPDA) of Sun, Giles, Chen and Lee (1993), "The neural
 * network pushdown automaton: model, stack and learning simulations", UMIACS-TR-93-77, and Das,
 * Giles and Sun (1992), "Learning context-free grammars: capabilities and limitations of a recurrent
 * neural network with an external stack memory", Proc. 14th Annual Conference of the Cognitive
 * Science Society: a higher-order recurrent controller ({@link NnpdaController}) whose state units
 * read the input symbol and the top of a continuous stack ({@link ContinuousStack}), and whose
 * action {@code a in [-1, 1]} pushes the symbol ({@code a > 0}, length {@code a}) or pops
 * ({@code a < 0}, length {@code |a|}). The stack is part of the network's state, so BPTT
 * differentiates through it ({@link NnpdaNetwork}). The first {@code outputSize} state units are the
 * response units (a string is accepted when the response unit is high after its end symbol).
 *
 * <p>Hyperparameters: {@code hidden}, the number {@code N} of state units including the response
 * units (at least the output size); {@code capacity}, the stack's elements {@code C} (every step
 * pushes one, of length 0 when it pops, so a string longer than {@code C} steps loses its bottom
 * elements); {@code init.scale}, initial weights and biases uniform in {@code [-scale, scale]};
 * {@code accept}, how a string is accepted: {@code state} (the outputs are the response units) or
 * {@code empty-stack}, where each output is the response unit divided by {@code 1 + L}, {@code L}
 * the stack's total length before the step, so that an output above 0.5 needs the stack nearly empty
 * ({@code L < 1}). With the target 1 of an accepted string the error then grows with the length
 * left on the stack, the coupling of state and stack in the papers' error function, whose term for
 * legal strings includes the final stack length: it pushes the controller to pop what it pushed
 * instead of counting in its state units; {@code quantize}, what is rounded outside training (a step
 * context that is not training): {@code none}; {@code action}, the action to a discrete push of
 * length 1, pop of length 1 or no-op; {@code all}, the state units to 0 or 1 as well, as the papers
 * quantize the trained network to read a discrete pushdown automaton off it. Fractional lengths that
 * almost cancel on short strings, and analog states that stay near a corner for a few steps, drift
 * on long strings; rounded ones do not, but rounding the states breaks a network whose states use
 * values between the corners.
 * Parameters {@code w}, {@code b}, {@code w.action}, {@code b.action} are all a checkpoint holds.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=nnpda",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class NnpdaFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 4, 1, 1024, "State units N, the response units (the first output-size ones) included."),
            HyperParameter.integer("capacity", 64, 1, 100_000, "Stack elements C: one is pushed per step, the bottom one drops when full."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Initial weights and biases are uniform in [-scale, scale]."),
            HyperParameter.choice("accept", "state", java.util.List.of("state", "empty-stack"),
                    "state: the outputs are the response units; empty-stack: each is divided by 1 + the stack's "
                            + "length L before the step, so that a string is accepted only with the stack empty."),
            HyperParameter.choice("quantize", "none", java.util.List.of("none", "action", "all"),
                    "Outside training, action: round the action to push 1 (a > 0.5), pop 1 (a < -0.5) or no-op; "
                            + "all: also round the state units to 0 or 1 (the discrete automaton read off the trained network)."));

    @Activate
    public NnpdaFamily() {
    }

    @Override
    public String id() {
        return "nnpda";
    }

    @Override
    public String description() {
        return "Neural network pushdown automaton: a higher-order controller with a continuous stack (Sun et al. 1993).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The response units are state units: {@code hidden} must be at least the output size. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        int hidden = LayerSchema.complete(SCHEMA, spec.hyper()).getInt("hidden");
        return spec.outputSize() > hidden
                ? List.of(Problem.of("model.hidden", "must be at least the output size " + spec.outputSize()
                        + " (the response units are state units), got " + hidden))
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
        int products = (n + 1) * spec.inputSize() * (spec.inputSize() + 1);
        p.put("w", uniform(backend.ops(), spec, r, scale, products, n));
        p.put("b", uniform(backend.ops(), spec, r, scale, n));
        p.put("w.action", uniform(backend.ops(), spec, r, scale, products, 1));
        p.put("b.action", uniform(backend.ops(), spec, r, scale, 1));
        return new NnpdaNetwork(spec, n, h.getInt("capacity"), h.getString("accept").equals("empty-stack"),
                h.getString("quantize"), p);
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
