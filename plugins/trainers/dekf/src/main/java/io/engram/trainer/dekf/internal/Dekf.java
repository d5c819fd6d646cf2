package io.engram.trainer.dekf.internal;

import java.util.List;

/**
 * The decoupled extended Kalman filter over a network's weights (Puskorius and Feldkamp 1994,
 * "Neurocontrol of nonlinear dynamical systems with Kalman filter trained recurrent networks", IEEE
 * Trans. Neural Networks 5(2), eqs. 9-12; Pérez-Ortiz, Gers, Eck and Schmidhuber 2003, "Kalman
 * filters improve LSTM network performance in problems unsolvable by traditional recurrent nets",
 * Neural Networks 16(2), section 3). The weights are the state of the filter; they are split into
 * {@code G} groups (one per unit, {@link io.engram.train.UnitGroups}) and the error covariance is
 * kept only within a group, {@code P_i [n_i, n_i]}. With the Jacobian {@code H_i [n_i, m]} of the
 * {@code m} outputs with respect to group {@code i}'s weights and the innovation {@code e [m]} (the
 * target minus the output), one step is
 * <pre>
 *   A   = (R I + sum_i H_i^T P_i H_i)^-1                          global scaling matrix [m, m]
 *   K_i = P_i H_i A                                               Kalman gain of group i
 *   w_i = w_i + K_i e
 *   P_i = P_i - K_i H_i^T P_i + Q I
 * </pre>
 * with measurement noise {@code R} and process noise {@code Q} (the latter keeps {@code P} from
 * collapsing and acts as a learning rate). {@code P_i} starts at {@code p0 I}. Each {@code P_i} is
 * symmetrised after the update.
 *
 * <p>Not thread-safe: one per job, on the job's thread.
 */
final class Dekf {
    private final List<int[]> groups;
    private final double[][][] p;

    /**
     * @param groups the flat indices of each group's weights
     * @param p0     the initial diagonal of every {@code P_i}
     */
    Dekf(List<int[]> groups, double p0) {
        this.groups = List.copyOf(groups);
        this.p = new double[groups.size()][][];
        for (int g = 0; g < groups.size(); g++) {
            int n = groups.get(g).length;
            p[g] = new double[n][n];
            for (int i = 0; i < n; i++) {
                p[g][i][i] = p0;
            }
        }
    }

    /**
     * One filter step: adds {@code K e} to {@code w} in place and updates the covariances.
     *
     * @param w  the weights, flat
     * @param h  the Jacobian, {@code h[k][o] = d output_o / d w_k} for every flat index {@code k}
     * @param e  the innovation, {@code m} long
     * @param r  the measurement noise
     * @param q  the process noise
     * @return false, changing nothing, when a number is not finite or {@code A} is singular
     */
    boolean update(double[] w, double[][] h, double[] e, double r, double q) {
        int m = e.length;
        double[][] a = new double[m][m];
        double[][][] ph = new double[groups.size()][][];
        for (int g = 0; g < groups.size(); g++) {
            int[] idx = groups.get(g);
            int n = idx.length;
            double[][] pg = p[g];
            double[][] phg = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < m; o++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += pg[i][j] * h[idx[j]][o];
                    }
                    phg[i][o] = s;
                }
            }
            ph[g] = phg;
            for (int o1 = 0; o1 < m; o1++) {
                for (int o2 = 0; o2 < m; o2++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += h[idx[i]][o1] * phg[i][o2];
                    }
                    a[o1][o2] += s;
                }
            }
        }
        for (int o = 0; o < m; o++) {
            a[o][o] += r;
        }
        double[][] inv = invert(a);
        if (inv == null) {
            return false;
        }
        double[][][] k = new double[groups.size()][][];
        for (int g = 0; g < groups.size(); g++) {
            int n = groups.get(g).length;
            k[g] = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < m; o++) {
                    double s = 0;
                    for (int o2 = 0; o2 < m; o2++) {
                        s += ph[g][i][o2] * inv[o2][o];
                    }
                    if (!Double.isFinite(s)) {
                        return false;
                    }
                    k[g][i][o] = s;
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            int[] idx = groups.get(g);
            int n = idx.length;
            double[][] pg = p[g];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int o = 0; o < m; o++) {
                    s += k[g][i][o] * e[o];
                }
                w[idx[i]] += s;
            }
            // P - K (P H)^T + Q I, then symmetrised
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int o = 0; o < m; o++) {
                        s += k[g][i][o] * ph[g][j][o];
                    }
                    pg[i][j] -= s;
                }
                pg[i][i] += q;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double s = 0.5 * (pg[i][j] + pg[j][i]);
                    pg[i][j] = s;
                    pg[j][i] = s;
                }
            }
        }
        return true;
    }

    /** The covariance of group {@code g}, a copy. */
    double[][] covariance(int g) {
        double[][] c = new double[p[g].length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = p[g][i].clone();
        }
        return c;
    }

    /** The inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting; null when singular. */
    static double[][] invert(double[][] a) {
        int m = a.length;
        double[][] x = new double[m][2 * m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], 0, x[i], 0, m);
            x[i][m + i] = 1.0;
        }
        for (int c = 0; c < m; c++) {
            int pivot = c;
            for (int i = c + 1; i < m; i++) {
                if (Math.abs(x[i][c]) > Math.abs(x[pivot][c])) {
                    pivot = i;
                }
            }
            if (!(Math.abs(x[pivot][c]) > 1e-300)) {
                return null;
            }
            double[] t = x[c];
            x[c] = x[pivot];
            x[pivot] = t;
            double d = x[c][c];
            for (int j = 0; j < 2 * m; j++) {
                x[c][j] /= d;
            }
            for (int i = 0; i < m; i++) {
                if (i != c && x[i][c] != 0) {
                    double f = x[i][c];
                    for (int j = 0; j < 2 * m; j++) {
                        x[i][j] -= f * x[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x[i], m, inv[i], 0, m);
        }
        return inv;
    }
}
