package io.engram.family.memristive.internal;

import io.engram.api.Hyperparameters;

/**
 * The validated hyperparameters of a memristive network, in the units of Caravelli, Traversa and
 * Di Ventra (2017): resistances in units of {@code R_off}, time in units of the memristors' own
 * time scale. Immutable.
 *
 * @param nodes       nodes of the circuit's graph
 * @param edges       memristors (edges of the graph), at least {@code nodes - 1}
 * @param xi          {@code (R_off - R_on) / R_on}, at least 0: a memristor's resistance is {@code R_on (1 + xi x)}
 * @param alpha       decay rate of the memory
 * @param beta        inverse of the rate at which current changes the memory
 * @param dt          time of one network step
 * @param substeps    Euler steps per network step
 * @param inputScale  input weights onto the sources drawn uniformly in {@code [-inputScale, inputScale]}
 * @param biasScale   constant part of each source drawn uniformly in {@code [-biasScale, biasScale]}
 * @param initial     memory of every memristor before the first step
 */
record MemristiveSettings(int nodes, int edges, double xi, double alpha, double beta, double dt, int substeps,
                          double inputScale, double biasScale, double initial) {

    /** The settings of validated hyperparameters. */
    static MemristiveSettings of(Hyperparameters h) {
        return new MemristiveSettings(h.getInt("nodes"), h.getInt("edges"), h.getDouble("xi"), h.getDouble("alpha"),
                h.getDouble("beta"), h.getDouble("dt"), h.getInt("substeps"), h.getDouble("input.scale"),
                h.getDouble("bias.scale"), h.getDouble("initial"));
    }
}
