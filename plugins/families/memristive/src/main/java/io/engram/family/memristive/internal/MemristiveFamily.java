package io.engram.family.memristive.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The memristive network family (Caravelli, Traversa and Di Ventra 2017, "The complex dynamics of
 * memristive circuits: analytical results and universal slow relaxation", Phys. Rev. E 95,
 * 022140): a random circuit of {@code E} memristors on the edges of a connected graph, each with a
 * voltage source in series set by the inputs, {@code S_t = u_t Win + s0}. The memories follow the
 * circuit's exact equation of motion ({@link Circuit})
 * <pre>
 *   dx/dt = -alpha x + (1/beta) (I + xi Omega X)^-1 Omega S,     x in [0, 1]^E,  X = diag(x)
 * </pre>
 * with {@code Omega} the projector on the graph's loop space, a memristor's resistance
 * {@code R_on (1 + xi x)}, and the Lyapunov function
 * {@code L(x) = (alpha/3) sum x^3 - (1/(2 beta)) sum (Omega S) x^2 + (alpha xi/4) (x^2)^T Omega (x^2)},
 * {@code dL/dt = -xdot^T (X + xi X Omega X) xdot <= 0} under constant sources. The circuit is used
 * as a fixed reservoir: each step integrates the equation for {@code dt} and a linear readout of
 * the memories, {@code y_t = x_t W + b}, is trained in closed form by a trainer of
 * {@link Capability#LINEAR_READOUT} (ridge regression). The circuit is a dynamical system of its
 * own, not a device model for matrix products: that is the memristor backend's crossbar.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=memristive",
        PluginProperties.CAPABILITIES + "=" + Capability.LINEAR_READOUT + "," + Capability.FLAT_PARAMETERS})
public final class MemristiveFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("nodes", 20, 2, 1000, "Nodes of the circuit's random connected graph."),
            HyperParameter.integer("edges", 50, 1, 2000, "Memristors (edges of the graph), at least nodes - 1."),
            HyperParameter.real("xi", 10.0, 0.0, 1e6, "(R_off - R_on) / R_on: a memristor's resistance is R_on (1 + xi x)."),
            HyperParameter.real("alpha", 0.02, 0.0, 1e6, "Decay rate of the memories."),
            HyperParameter.real("beta", 10.0, 1e-9, 1e9, "Inverse rate at which current changes the memories."),
            HyperParameter.real("dt", 1.0, 1e-9, 1e9, "Time of one network step."),
            HyperParameter.integer("substeps", 4, 1, 10_000, "Euler steps per network step."),
            HyperParameter.real("input.scale", 1.0, 0.0, 1e6, "Input weights onto the sources, uniform in [-input.scale, input.scale]."),
            HyperParameter.real("bias.scale", 0.1, 0.0, 1e6, "Constant part of each source, uniform in [-bias.scale, bias.scale]."),
            HyperParameter.real("initial", 0.5, 0.0, 1.0, "Memory of every memristor before the first step."));

    @Activate
    public MemristiveFamily() {
    }

    @Override
    public String id() {
        return "memristive";
    }

    @Override
    public String description() {
        return "Memristive circuit reservoir: memories follow the circuit's equations, linear readout (Caravelli et al. 2017).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.LINEAR_READOUT, Capability.FLAT_PARAMETERS);
    }

    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        MemristiveSettings s = MemristiveSettings.of(spec.hyper());
        Seq<Problem> problems = List.empty();
        if (s.edges() < s.nodes() - 1) {
            problems = problems.append(Problem.of("model.edges", "a connected circuit of " + s.nodes()
                    + " nodes needs at least " + (s.nodes() - 1) + " memristors, got " + s.edges()));
        }
        double h = s.dt() / s.substeps();
        if (s.alpha() * h > 1) {
            problems = problems.append(Problem.of("model.substeps", "an Euler step of dt/substeps = " + h
                    + " overshoots the decay (alpha * step = " + s.alpha() * h + " > 1); use at least "
                    + (int) Math.ceil(s.alpha() * s.dt()) + " substeps"));
        }
        return problems;
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        MemristiveSettings s = MemristiveSettings.of(spec.hyper());
        return new MemristiveNetwork(spec, s, CircuitBuilder.parameters(s, spec.inputSize(), spec.outputSize(),
                backend.ops(), spec.dtype(), seed));
    }
}
