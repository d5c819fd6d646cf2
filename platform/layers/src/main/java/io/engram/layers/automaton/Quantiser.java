package io.engram.layers.automaton;

import java.util.List;

/**
 * Giles et al. (1992), section 4: each state unit's range is cut into {@code q} equal intervals,
 * and a state's cell is the interval of every unit. The range of each unit is the one it spans over
 * a sample of reached states (a sigmoid unit's {@code [0, 1]} when it saturates). Immutable.
 */
final class Quantiser {
    private final double[] low;
    private final double[] high;
    private final int intervals;

    /** Ranges from {@code sample}'s rows, cut into {@code intervals} intervals each. */
    Quantiser(List<double[]> sample, int intervals) {
        int w = sample.get(0).length;
        this.low = new double[w];
        this.high = new double[w];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (double[] row : sample) {
            for (int u = 0; u < w; u++) {
                low[u] = Math.min(low[u], row[u]);
                high[u] = Math.max(high[u], row[u]);
            }
        }
        this.intervals = intervals;
    }

    /** The cell of {@code row}, as a key: one interval index per unit. */
    String cell(double[] row) {
        char[] key = new char[row.length];
        for (int u = 0; u < row.length; u++) {
            double span = high[u] - low[u];
            int k = span <= 1e-12 || !Double.isFinite(row[u]) ? 0
                    : (int) Math.floor(intervals * (row[u] - low[u]) / span);
            key[u] = (char) Math.max(0, Math.min(intervals - 1, k));
        }
        return new String(key);
    }
}
