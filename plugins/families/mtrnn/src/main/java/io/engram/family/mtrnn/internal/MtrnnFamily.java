package io.engram.family.mtrnn.internal;

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
import io.engram.layers.continuous.Integrator;
import io.engram.tensor.Backend;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The multiple-timescale recurrent network family (Yamashita and Tani 2008, "Emergence of functional
 * hierarchy in a multiple timescale neural network model: a humanoid robot experiment", PLoS
 * Computational Biology 4(11), e1000220): a CTRNN whose units form three groups with their own time
 * constants, input-output units (tau 2 in the paper), fast context units (tau 5) and slow context
 * units (tau 70), connected input-output to fast, fast to slow and within each group, but not
 * input-output to slow. Each training sequence has its own trained initial state of the slow units,
 * and setting that state is what switches the network from one sequence to another. See
 * {@link MtrnnNetwork} for the equations and parameters.
 *
 * <p>The units follow the CTRNN equation with a time constant per group,
 * <pre>
 *   tau_i du_i/dt = -u_i + sum_j w_ij y_j + I_i,    y_j = sigma(u_j + b_j),
 * </pre>
 * and with {@code integrator=euler}, {@code dt=1} and {@code substeps=1} the update is the paper's
 * discrete-time form (Materials and Methods):
 * <pre>
 *   u_{i,t} = (1 - 1/tau_i) u_{i,t-1} + 1/tau_i (sum_j w_ij y_{j,t-1} + I_{i,t})
 * </pre>
 * other settings integrate the same continuous-time equation more finely. Where the paper's
 * input-output units code vision and proprioception through topology-preserving maps with a softmax,
 * here the outputs are a linear readout of the input-output units' rates.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=mtrnn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class MtrnnFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("io", 8, 1, 4096, "Input-output units; the outputs are a linear readout of their rates."),
            HyperParameter.integer("fast", 30, 1, 4096, "Fast context units."),
            HyperParameter.integer("slow", 10, 1, 4096, "Slow context units."),
            HyperParameter.real("tau.io", 2.0, 1e-3, 1e6, "Time constant of the input-output units."),
            HyperParameter.real("tau.fast", 5.0, 1e-3, 1e6, "Time constant of the fast context units."),
            HyperParameter.real("tau.slow", 70.0, 1e-3, 1e6, "Time constant of the slow context units."),
            HyperParameter.integer("sequences", 4, 1, 100_000,
                    "Sequences, each with its own trained initial state of the slow units; the first this many inputs select it at step 0."),
            HyperParameter.choice("integrator", "euler", Integrator.NAMES, "euler (first order) or rk4 (fourth-order Runge-Kutta)."),
            HyperParameter.real("dt", 1.0, 1e-6, 100.0, "Integration step h, in the time units of tau."),
            HyperParameter.integer("substeps", 1, 1, 100_000, "Integration steps per input step."),
            HyperParameter.choice("activation", "tanh", java.util.List.of("sigmoid", "tanh"),
                    "sigma: tanh or sigmoid (the logistic function, as in the paper's context units)."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public MtrnnFamily() {
    }

    @Override
    public String id() {
        return "mtrnn";
    }

    @Override
    public String description() {
        return "Multiple-timescale recurrent network: input-output, fast and slow context units; slow initial states select sequences (Yamashita and Tani 2008).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The selector inputs are the first inputs: there must be at least {@code sequences} inputs (once known). */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        if (spec.inputSize() > 0 && spec.inputSize() < h.getInt("sequences")) {
            return List.of(Problem.of("model.sequences", "the first " + h.getInt("sequences")
                    + " inputs select a sequence's slow initial state, but there are only " + spec.inputSize() + " inputs"));
        }
        return List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        MtrnnSettings s = MtrnnSettings.of(h);
        return new MtrnnNetwork(spec, s, MtrnnNetwork.initialParameters(spec, s, backend.ops(),
                h.getString("init.scheme"), h.getDouble("init.scale"), seed));
    }
}
