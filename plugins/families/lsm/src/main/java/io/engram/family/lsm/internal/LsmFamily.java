package io.engram.family.lsm.internal;

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
 * The liquid state machine family (Maass, Natschlaeger and Markram 2002, "Real-time computing
 * without stable states", Neural Computation 14:2531): a fixed, randomly connected column of leaky
 * integrate-and-fire neurons, optionally with dynamic synapses, driven by input spike trains, and a
 * linear readout of the exponentially filtered spike trains, trained in closed form by a trainer of
 * {@link Capability#LINEAR_READOUT} (ridge regression). Defaults are the paper's (a 15 x 3 x 3
 * column, 20% inhibitory, lambda = 2, tau_m = 30 ms, threshold 15 mV, reset 13.5 mV, refractory 3
 * and 2 ms, background 13.5 to 14.5 nA, PSC decay 3 and 6 ms, readout filter 30 ms). See
 * {@link LifColumn} for the equations and {@link ColumnBuilder} for the column.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=lsm",
        PluginProperties.CAPABILITIES + "=" + Capability.LINEAR_READOUT + "," + Capability.FLAT_PARAMETERS})
public final class LsmFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("grid.x", 3, 1, 100, "Neurons along x of the column's grid."),
            HyperParameter.integer("grid.y", 3, 1, 100, "Neurons along y of the column's grid."),
            HyperParameter.integer("grid.z", 15, 1, 1000, "Neurons along z of the column's grid."),
            HyperParameter.real("inhibitory", 0.2, 0.0, 1.0, "Fraction of inhibitory neurons."),
            HyperParameter.choice("connectivity", "distance", java.util.List.of("distance", "random"),
                    "distance: a synapse with probability C exp(-(D/lambda)^2); random: with probability random.p."),
            HyperParameter.real("lambda", 2.0, 0.0, 100.0, "Length scale of distance-dependent connectivity, grid units."),
            HyperParameter.real("random.p", 0.1, 0.0, 1.0, "Connection probability for random connectivity."),
            HyperParameter.real("weight.scale", 1.0, 0.0, 100.0, "Factor on the paper's synaptic amplitudes (30, 60, -19, -19 nA)."),
            HyperParameter.real("input.weight", 18.0, 0.0, 10_000.0, "Mean amplitude of an input synapse onto an excitatory neuron, nA (half onto inhibitory)."),
            HyperParameter.real("input.p", 0.3, 0.0, 1.0, "Probability that an input channel reaches a neuron."),
            HyperParameter.real("tau.membrane", 30.0, 0.01, 10_000.0, "Membrane time constant, ms."),
            HyperParameter.real("threshold", 15.0, -1000.0, 1000.0, "Firing threshold, mV."),
            HyperParameter.real("reset", 13.5, -1000.0, 1000.0, "Reset potential, mV."),
            HyperParameter.real("refractory.excitatory", 3.0, 0.0, 1000.0, "Refractory period of excitatory neurons, ms."),
            HyperParameter.real("refractory.inhibitory", 2.0, 0.0, 1000.0, "Refractory period of inhibitory neurons, ms."),
            HyperParameter.real("resistance", 1.0, 0.0, 1000.0, "Input resistance, MOhm."),
            HyperParameter.real("background.min", 13.5, -1000.0, 1000.0, "Lower bound of each neuron's constant background current, nA."),
            HyperParameter.real("background.max", 14.5, -1000.0, 1000.0, "Upper bound of each neuron's constant background current, nA."),
            HyperParameter.real("tau.synapse.excitatory", 3.0, 0.01, 10_000.0, "Decay of excitatory postsynaptic currents, ms."),
            HyperParameter.real("tau.synapse.inhibitory", 6.0, 0.01, 10_000.0, "Decay of inhibitory postsynaptic currents, ms."),
            HyperParameter.choice("synapses", "dynamic", java.util.List.of("dynamic", "static"),
                    "dynamic: depressing and facilitating synapses (Markram et al. 1998); static: each spike uses the fraction U."),
            HyperParameter.real("dt", 1.0, 0.001, 100.0, "Length of one time step, ms."),
            HyperParameter.real("tau.readout", 30.0, 0.01, 100_000.0, "Time constant of the exponential filter of the spike trains the readout sees, ms."));

    @Activate
    public LsmFamily() {
    }

    @Override
    public String id() {
        return "lsm";
    }

    @Override
    public String description() {
        return "Liquid state machine: a fixed column of integrate-and-fire neurons, readout of filtered spike trains (Maass et al. 2002).";
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
        LsmSettings s = LsmSettings.of(spec.hyper());
        Seq<Problem> problems = List.empty();
        if (s.reset() >= s.threshold()) {
            problems = problems.append(Problem.of("model.reset", "must be below model.threshold (" + s.threshold()
                    + "), got " + s.reset()));
        }
        if (s.backgroundMin() > s.backgroundMax()) {
            problems = problems.append(Problem.of("model.background.min", "must not exceed model.background.max ("
                    + s.backgroundMax() + "), got " + s.backgroundMin()));
        }
        if ((long) s.neurons() > 4096) {
            problems = problems.append(Problem.of("model.grid.z", "the grid has " + s.neurons()
                    + " neurons (grid.x * grid.y * grid.z); at most 4096"));
        }
        return problems;
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        LsmSettings s = LsmSettings.of(spec.hyper());
        return new LsmNetwork(spec, s, ColumnBuilder.parameters(s, spec.inputSize(), spec.outputSize(),
                backend.ops(), spec.dtype(), seed));
    }
}
