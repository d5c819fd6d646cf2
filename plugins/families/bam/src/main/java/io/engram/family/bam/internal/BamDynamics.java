package io.engram.family.bam.internal;

/**
 * The dynamics and energy of a bidirectional associative memory (Kosko 1988, "Bidirectional
 * associative memories", IEEE Trans. SMC 18(1)) on states held as rows of a {@code double[]}: a
 * layer {@code x} of {@code n} bipolar units and a layer {@code y} of {@code m}, joined by
 * {@code W [n, m]} (row-major). Each layer takes the sign of its field from the other,
 * <pre>
 *   y_j &lt;- sign(sum_i W_ij x_i)   (through W^T),      x_i &lt;- sign(sum_j W_ij y_j)   (through W),
 * </pre>
 * a unit whose field is 0 keeping its value; the energy is {@code E(x, y) = -x^T W y}. Each layer
 * update sets every unit of the layer to the sign that lowers {@code -x^T W y} given the other
 * layer, so the energy never increases and recall ends in a bidirectionally stable pair. Pairs are
 * stored by correlation (Kosko's eq. for {@code M}): {@code W = sum_k x_k y_k^T}.
 *
 * <p>Stateless and thread-safe: every method works on the arrays it is given.
 */
final class BamDynamics {

    private BamDynamics() {
    }

    /** {@code W = sum_k x_k y_k^T} of {@code p} pairs, each a row {@code [x; y]} of {@code n + m} values. */
    static double[] correlation(double[] pairs, int p, int n, int m) {
        double[] w = new double[n * m];
        for (int k = 0; k < p; k++) {
            int off = k * (n + m);
            for (int i = 0; i < n; i++) {
                double xi = pairs[off + i];
                for (int j = 0; j < m; j++) {
                    w[i * m + j] += xi * pairs[off + n + j];
                }
            }
        }
        return w;
    }

    /**
     * Sets {@code y} (at {@code s[off + n ..]}) from {@code x} (at {@code s[off ..]}) through {@code W^T}.
     *
     * @return whether a unit changed
     */
    static boolean forward(double[] w, int n, int m, double[] s, int off) {
        boolean changed = false;
        for (int j = 0; j < m; j++) {
            double h = 0;
            for (int i = 0; i < n; i++) {
                h += w[i * m + j] * s[off + i];
            }
            changed |= set(s, off + n + j, h);
        }
        return changed;
    }

    /**
     * Sets the units of {@code x} that are not {@code held} (may be null) from {@code y} through {@code W}.
     *
     * @return whether a unit changed
     */
    static boolean backward(double[] w, int n, int m, double[] s, int off, boolean[] held) {
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (held != null && held[i]) {
                continue;
            }
            double h = 0;
            for (int j = 0; j < m; j++) {
                h += w[i * m + j] * s[off + n + j];
            }
            changed |= set(s, off + i, h);
        }
        return changed;
    }

    /** {@code E = -x^T W y} of the state {@code [x; y]} at {@code s[off ..]}. */
    static double energy(double[] w, int n, int m, double[] s, int off) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += w[i * m + j] * s[off + n + j];
            }
            e -= s[off + i] * sum;
        }
        return e;
    }

    private static boolean set(double[] s, int k, double field) {
        double next = field > 0 ? 1 : field < 0 ? -1 : s[k];
        boolean changed = next != s[k];
        s[k] = next;
        return changed;
    }
}
