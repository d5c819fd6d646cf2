package io.engram.family.memristive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded circuits of one graph ensemble, all with the same number of nodes and memristors (hence the
 * same density of loops), each under its own constant sources drawn uniformly in
 * {@code [-sourceScale, sourceScale]}, settled to its fixed point; gives their relaxation rates
 * (Caravelli, Traversa and Di Ventra 2017). Circuit {@code c} is drawn from the generator of seed
 * {@code seed + c}. Immutable; thread-safe.
 *
 * @param graphs      the graph ensemble
 * @param nodes       nodes per graph
 * @param edges       memristors per circuit
 * @param xi          {@code (R_off - R_on) / R_on}
 * @param alpha       the memory's decay rate
 * @param beta        inverse of the rate at which current changes the memory
 * @param sourceScale bound of the sources
 */
record RelaxationEnsemble(GraphEnsemble graphs, int nodes, int edges, double xi, double alpha, double beta,
                          double sourceScale) {

    /** The density of loops: independent loops over memristors, {@code (edges - nodes + 1) / edges}. */
    double loopDensity() {
        return (edges - nodes + 1) / (double) edges;
    }

    /** A circuit of this ensemble whose graph is drawn from {@code r}. */
    Circuit circuit(SplittableRandom r) {
        double[] omega = CircuitBuilder.projector(graphs.incidence(nodes, edges, r), nodes - 1, edges);
        return new Circuit(omega, xi, alpha, beta);
    }

    /** The network rates {@link RelaxationRates#network} of circuits {@code seed .. seed + count - 1}. */
    List<double[]> networkRates(long seed, int count) {
        List<double[]> rates = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            SplittableRandom r = new SplittableRandom(seed + c);
            Circuit circuit = circuit(r);
            double[] s = new double[edges];
            for (int k = 0; k < edges; k++) {
                s[k] = r.nextDouble(-sourceScale, sourceScale);
            }
            rates.add(RelaxationRates.network(circuit, FixedPoint.of(circuit, s)));
        }
        return rates;
    }
}
