package io.engram.family.memristive.internal;

import java.util.SplittableRandom;

/**
 * The graph ensembles of the relaxation study: each draws, from a seeded generator, the reduced
 * incidence matrix {@code [nodes - 1, edges]} of a connected graph with a given number of nodes and
 * edges, hence a given density of loops {@code (edges - nodes + 1) / edges} (the rank of the loop
 * projector {@code Omega} over its size). Stateless.
 */
enum GraphEnsemble {
    /** A random spanning tree, then random further edges between distinct nodes. */
    RANDOM {
        @Override
        double[] incidence(int nodes, int edges, SplittableRandom r) {
            return CircuitBuilder.incidence(nodes, edges, r);
        }
    },
    /**
     * A small world (Watts and Strogatz 1998): a ring of {@code nodes} edges, then edges to the
     * second, third, ... neighbours round the ring until {@code edges}, each of these moved to a
     * random far end with probability {@link #REWIRING}. The ring keeps the graph connected.
     */
    SMALL_WORLD {
        @Override
        double[] incidence(int nodes, int edges, SplittableRandom r) {
            if (edges < nodes) {
                throw new IllegalArgumentException("a small world needs edges >= nodes, got " + edges + " < " + nodes);
            }
            double[] full = new double[nodes * edges];
            for (int k = 0; k < edges; k++) {
                int a = k % nodes;
                int reach = 1 + k / nodes;
                int b = (a + reach) % nodes;
                if (reach > 1 && r.nextDouble() < REWIRING) {
                    b = (a + 1 + r.nextInt(nodes - 1)) % nodes;
                }
                full[a * edges + k] = 1;
                full[b * edges + k] = -1;
            }
            double[] reduced = new double[(nodes - 1) * edges];
            System.arraycopy(full, edges, reduced, 0, reduced.length);
            return reduced;
        }
    };

    /** Probability that a small world's non-ring edge is rewired. */
    static final double REWIRING = 0.1;

    /** The reduced incidence matrix {@code [nodes - 1, edges]} of a connected graph drawn from {@code r}. */
    abstract double[] incidence(int nodes, int edges, SplittableRandom r);
}
