package io.engram.family.hopfield.internal;

/**
 * The dynamics and the energy of a Hopfield network (Hopfield 1982) on states held as rows of a
 * {@code double[]}: {@code n} bipolar units {@code s_i = -1 or +1} with weights {@code W [n, n]}
 * (row-major), each unit taking the sign of its local field
 * <pre>
 *   h_i = sum_j W_ij s_j,      s_i &lt;- +1 if h_i &gt; 0,  -1 if h_i &lt; 0,  unchanged if h_i = 0
 * </pre>
 * (the paper's eq. 1 with thresholds {@code U_i = 0} and bipolar values {@code s = 2V - 1}), and the
 * energy (eq. 7)
 * <pre>
 *   E(s) = -1/2 sum_ij W_ij s_i s_j.
 * </pre>
 * Asynchronous updates change one unit at a time (here in index order, one sweep over all units per
 * step); with {@code W} symmetric and a non-negative diagonal a change of unit {@code i} changes the
 * energy by {@code -(s_i' - s_i) h_i <= 0}, so the energy never increases and every trajectory ends
 * in a fixed point. Synchronous updates (Little 1974) set every unit from the same old state; they
 * end in a fixed point or a cycle of length 2 (Goles-Chacc et al. 1985), along which {@code E} may
 * rise. A unit may be held at its value during an update ({@code held}), as the units an input sets.
 *
 * <p>Stateless and thread-safe: every method works on the arrays it is given.
 */
final class HopfieldDynamics {

    private HopfieldDynamics() {
    }

    /** The local fields {@code h = W s} of the state in {@code s[off .. off + n)}. */
    static double[] fields(double[] w, int n, double[] s, int off) {
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += w[i * n + j] * s[off + j];
            }
            h[i] = sum;
        }
        return h;
    }

    /**
     * One asynchronous sweep: units {@code 0 .. n-1} in turn take the sign of their current field,
     * which is kept up to date after each change ({@code h_k += W_ki (s_i' - s_i)}).
     *
     * @param held units not updated, or null
     * @return whether any unit changed
     */
    static boolean sweep(double[] w, int n, double[] s, int off, boolean[] held) {
        double[] h = fields(w, n, s, off);
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (held != null && held[i]) {
                continue;
            }
            double old = s[off + i];
            double next = sign(h[i], old);
            if (next != old) {
                s[off + i] = next;
                double d = next - old;
                for (int k = 0; k < n; k++) {
                    h[k] += w[k * n + i] * d;
                }
                changed = true;
            }
        }
        return changed;
    }

    /**
     * One synchronous update: every unit not held takes the sign of its field in the old state.
     *
     * @return whether any unit changed
     */
    static boolean synchronous(double[] w, int n, double[] s, int off, boolean[] held) {
        double[] h = fields(w, n, s, off);
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (held == null || !held[i]) {
                double next = sign(h[i], s[off + i]);
                changed |= next != s[off + i];
                s[off + i] = next;
            }
        }
        return changed;
    }

    /** {@code E(s) = -1/2 s^T W s} of the state in {@code s[off .. off + n)} (eq. 7). */
    static double energy(double[] w, int n, double[] s, int off) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += w[i * n + j] * s[off + j];
            }
            e -= 0.5 * s[off + i] * sum;
        }
        return e;
    }

    /** The sign of a field, {@code keep} when it is 0. */
    static double sign(double field, double keep) {
        return field > 0 ? 1 : field < 0 ? -1 : keep;
    }
}
