package io.engram.family.hopfield.internal;

import java.util.List;

/**
 * The storage rules of a Hopfield network: weights {@code W [n, n]} (row-major) from {@code p}
 * bipolar patterns {@code xi^mu} (rows of {@code xi}). Both give a symmetric {@code W} with a zero
 * diagonal, so that asynchronous recall descends the energy.
 * <ul>
 *   <li>{@value #HEBBIAN} (Hopfield 1982, eq. 2, in the bipolar form):
 *   {@code W_ij = (1/n) sum_mu xi_i^mu xi_j^mu} for {@code i != j}. Its capacity for recall with few
 *   errors is about {@code 0.138 n} patterns (Amit, Gutfreund and Sompolinsky 1985).</li>
 *   <li>{@value #STORKEY} (Storkey 1997): incremental, from {@code W^0 = 0},
 *   {@code W^mu_ij = W^(mu-1)_ij + (1/n)(xi_i xi_j - xi_i h_ji - h_ij xi_j)} with the local field
 *   {@code h_ij = sum_(k != i, j) W^(mu-1)_ik xi_k}; local and incremental like Hebb's, it stores
 *   more: its absolute capacity grows as {@code n / sqrt(2 ln n)} against Hebb's {@code n / (2 ln n)}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class StorageRules {
    static final String HEBBIAN = "hebbian";
    static final String STORKEY = "storkey";
    /** The rules, the default first. */
    static final List<String> NAMES = List.of(HEBBIAN, STORKEY);

    private StorageRules() {
    }

    /** The weights that rule {@code rule} (one of {@link #NAMES}) gives for {@code p} patterns of {@code n} units. */
    static double[] weights(String rule, double[] xi, int p, int n) {
        return STORKEY.equals(rule) ? storkey(xi, p, n) : hebbian(xi, p, n);
    }

    static double[] hebbian(double[] xi, int p, int n) {
        double[] w = new double[n * n];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < n; i++) {
                double a = xi[mu * n + i] / n;
                for (int j = 0; j < n; j++) {
                    w[i * n + j] += a * xi[mu * n + j];
                }
            }
        }
        zeroDiagonal(w, n);
        return w;
    }

    static double[] storkey(double[] xi, int p, int n) {
        double[] w = new double[n * n];
        double[] h = new double[n];
        for (int mu = 0; mu < p; mu++) {
            int off = mu * n;
            for (int i = 0; i < n; i++) {             // h_i = sum_k W_ik xi_k (W_ii = 0)
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += w[i * n + k] * xi[off + k];
                }
                h[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                double xiI = xi[off + i];
                for (int j = i + 1; j < n; j++) {
                    double xiJ = xi[off + j];
                    double wij = w[i * n + j];
                    double hij = h[i] - wij * xiJ;     // excludes k = j (and k = i, whose weight is 0)
                    double hji = h[j] - wij * xiI;
                    double next = wij + (xiI * xiJ - xiI * hji - hij * xiJ) / n;
                    w[i * n + j] = next;
                    w[j * n + i] = next;
                }
            }
        }
        return w;
    }

    private static void zeroDiagonal(double[] w, int n) {
        for (int i = 0; i < n; i++) {
            w[i * n + i] = 0;
        }
    }
}
