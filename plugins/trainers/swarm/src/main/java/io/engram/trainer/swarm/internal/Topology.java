package io.engram.trainer.swarm.internal;

import java.util.List;
import java.util.Locale;

/**
 * Whose best position pulls a particle: {@code global}, the best of the whole swarm (gbest;
 * Kennedy and Eberhart 1995), or {@code ring}, the best of the particle and its two neighbours by
 * index on a ring (lbest with neighbourhood radius 1; Eberhart and Kennedy 1995, Kennedy and Mendes
 * 2002), which spreads news of a good position more slowly and so keeps the swarm exploring
 * longer on multimodal costs. Immutable and thread-safe.
 */
enum Topology {
    GLOBAL, RING;

    /** The names used in the trainer's {@code topology} setting, in declaration order. */
    static final List<String> NAMES = List.of("global", "ring");

    /** The topology named {@code name} (one of {@link #NAMES}). */
    static Topology named(String name) {
        int i = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("unknown topology '" + name + "' (known: " + NAMES + ")");
        }
        return values()[i];
    }

    /**
     * The particle whose best position pulls particle {@code i}, given the personal best costs:
     * the lowest cost of the neighbourhood, the lowest index among equals.
     */
    int best(int i, double[] costs) {
        int n = costs.length;
        if (this == GLOBAL) {
            int w = 0;
            for (int j = 1; j < n; j++) {
                if (costs[j] < costs[w]) {
                    w = j;
                }
            }
            return w;
        }
        int w = -1;
        for (int j : new int[] {(i + n - 1) % n, i, (i + 1) % n}) {
            if (w < 0 || costs[j] < costs[w] || (costs[j] == costs[w] && j < w)) {
                w = j;
            }
        }
        return w;
    }
}
