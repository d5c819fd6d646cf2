package io.engram.family.ctrnn.internal;

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
 * The continuous-time recurrent network family of R. D. Beer (1995), "On the dynamics of small
 * continuous-time recurrent neural networks", Adaptive Behavior 3(4), 469-509: {@code N} fully
 * connected units whose states follow (eq. 1)
 * <pre>
 *   tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j + theta_j) + I_i,    i = 1..N
 * </pre>
 * ({@link io.engram.layers.continuous.BeerEquation}), integrated over each input step by Euler,
 * {@code y(t + h) = y(t) + h f(y(t))}, or by fourth-order Runge-Kutta ({@link Integrator}) with
 * {@code substeps} steps of size {@code h = dt}; see {@link CtrnnNetwork} for the parameters.
 * Differentiable through the integrator (BPTT, RTRL) and offering its trainable parameters as one
 * vector (random search and other global optimisers; CTRNNs are classically evolved, as by Beer and
 * Gallagher 1992).
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=ctrnn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class CtrnnFamily implements NetworkFamily {
    static final String LINEAR = "linear";
    static final String RATES = "rates";

    static final Schema SCHEMA = Schema.of(
            LayerSchema.hidden("Units N of the network, all connected to all."),
            HyperParameter.choice("integrator", "rk4", Integrator.NAMES,
                    "euler (first order) or rk4 (classical fourth-order Runge-Kutta)."),
            HyperParameter.real("dt", 0.1, 1e-6, 100.0, "Integration step h, in the time units of tau."),
            HyperParameter.integer("substeps", 10, 1, 100_000,
                    "Integration steps per input step; the input is held over them (an input step lasts substeps * dt)."),
            HyperParameter.real("tau", 1.0, 1e-3, 1e6, "Initial time constant of every unit."),
            HyperParameter.bool("tau.trainable", false, "Train the time constants (as log tau)."),
            HyperParameter.bool("state.trainable", false, "Train the initial state y(0) (else it is 0)."),
            HyperParameter.choice("activation", "sigmoid", java.util.List.of("sigmoid", "tanh"),
                    "sigma: sigmoid (the logistic function, as in Beer 1995; biases start center-crossing) or tanh (biases start at 0)."),
            HyperParameter.choice("output", LINEAR, java.util.List.of(LINEAR, RATES),
                    "linear: a trained linear readout of all firing rates; rates: the firing rates of the first units, one per output."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public CtrnnFamily() {
    }

    @Override
    public String id() {
        return "ctrnn";
    }

    @Override
    public String description() {
        return "Continuous-time recurrent network, integrated by Euler or fourth-order Runge-Kutta (Beer 1995).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** With {@code output=rates}, each output is a unit's rate: there must be at least as many units as outputs. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        if (h.getString("output").equals(RATES) && spec.outputSize() > h.getInt("hidden")) {
            return List.of(Problem.of("model.hidden", "output=rates reads one unit per output: " + spec.outputSize()
                    + " outputs need at least as many units, got " + h.getInt("hidden")));
        }
        return List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        CtrnnSettings s = CtrnnSettings.of(LayerSchema.complete(SCHEMA, spec.hyper()));
        return new CtrnnNetwork(spec, s, CtrnnNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
