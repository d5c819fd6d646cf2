package io.engram.family.lsm.internal;

import io.engram.api.Hyperparameters;

/**
 * The validated hyperparameters of a liquid state machine, in the units of Maass, Natschlaeger and
 * Markram (2002), section "Methods": milliseconds, millivolts, nanoamperes and megaohms. Immutable.
 *
 * @param gridX           columns of the neuron grid along x
 * @param gridY           columns of the neuron grid along y
 * @param gridZ           layers of the neuron grid along z
 * @param inhibitory      fraction of inhibitory neurons
 * @param connectivity    {@code distance} (probability {@code C exp(-(D/lambda)^2)}) or {@code random}
 * @param lambda          length scale of distance-dependent connectivity, in grid units
 * @param randomP         connection probability of every pair for {@code random} connectivity
 * @param weightScale     factor on the mean synaptic amplitudes A of the paper
 * @param inputWeight     mean amplitude of an input synapse onto an excitatory neuron, nA (half onto inhibitory ones)
 * @param inputP          probability that an input channel projects to a neuron
 * @param tauMembrane     membrane time constant, ms
 * @param threshold       firing threshold, mV
 * @param reset           reset potential, mV
 * @param refractoryE     refractory period of excitatory neurons, ms
 * @param refractoryI     refractory period of inhibitory neurons, ms
 * @param resistance      input resistance, MOhm
 * @param backgroundMin   lower bound of the constant background current, nA
 * @param backgroundMax   upper bound of the constant background current, nA
 * @param tauSynapseE     decay of excitatory postsynaptic currents, ms
 * @param tauSynapseI     decay of inhibitory postsynaptic currents, ms
 * @param dynamic         dynamic (Markram-Tsodyks) synapses instead of static ones
 * @param dt              length of one time step, ms
 * @param tauReadout      time constant of the exponential filter of the spike trains the readout sees, ms
 */
record LsmSettings(int gridX, int gridY, int gridZ, double inhibitory, String connectivity, double lambda,
                   double randomP, double weightScale, double inputWeight, double inputP, double tauMembrane,
                   double threshold, double reset, double refractoryE, double refractoryI, double resistance,
                   double backgroundMin, double backgroundMax, double tauSynapseE, double tauSynapseI,
                   boolean dynamic, double dt, double tauReadout) {

    /** The settings of validated hyperparameters. */
    static LsmSettings of(Hyperparameters h) {
        return new LsmSettings(h.getInt("grid.x"), h.getInt("grid.y"), h.getInt("grid.z"),
                h.getDouble("inhibitory"), h.getString("connectivity"), h.getDouble("lambda"),
                h.getDouble("random.p"), h.getDouble("weight.scale"), h.getDouble("input.weight"),
                h.getDouble("input.p"), h.getDouble("tau.membrane"), h.getDouble("threshold"),
                h.getDouble("reset"), h.getDouble("refractory.excitatory"), h.getDouble("refractory.inhibitory"),
                h.getDouble("resistance"), h.getDouble("background.min"), h.getDouble("background.max"),
                h.getDouble("tau.synapse.excitatory"), h.getDouble("tau.synapse.inhibitory"),
                "dynamic".equals(h.getString("synapses")), h.getDouble("dt"), h.getDouble("tau.readout"));
    }

    /** Number of neurons. */
    int neurons() {
        return gridX * gridY * gridZ;
    }
}
