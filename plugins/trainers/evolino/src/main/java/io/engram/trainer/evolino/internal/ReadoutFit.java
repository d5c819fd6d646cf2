package io.engram.trainer.evolino.internal;

import io.engram.api.Batch;
import io.engram.api.LinearReadout;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Evolino's output layer (Wierstra et al. 2005, section 2, step 2): the readout that minimises the
 * squared error on the training data given the features the evolved hidden weights produce,
 * <pre>
 *   [W; b] = argmin sum_rows |f W + b - y|^2 + lambda |W|^2 = (F'^T F' + lambda I')^-1 F'^T Y,
 * </pre>
 * {@code F' = [F 1]}, {@code I'} the identity without the bias's diagonal element, over the rows
 * that are real steps with a target. {@code lambda} small (the paper's Moore-Penrose pseudo-inverse is
 * its limit {@code lambda -> 0}) keeps the system solvable when features are collinear. The normal
 * equations are accumulated in double over the batches and solved by Cholesky; when that fails (not
 * positive definite even with {@code lambda}), {@code lambda} is multiplied by 10 until it succeeds.
 * Stateless.
 */
final class ReadoutFit {
    private ReadoutFit() {
    }

    /**
     * The fitted readout tensors by name ({@link LinearReadout#weights()} {@code [features, outputs]},
     * and the bias {@code [outputs]} when the readout has one) for the network with {@code params} on
     * {@code batches}.
     */
    static Map<String, Tensor> fit(Ops ops, LinearReadout readout, Map<String, Tensor> params, List<Batch> batches,
            double lambda, io.engram.tensor.DType dtype) {
        boolean bias = readout.bias().isPresent();
        int f = readout.features();
        int k = f + (bias ? 1 : 0);
        int m = readout.outputs();
        double[][] g = new double[k][k];
        double[][] c = new double[k][m];
        double[] row = new double[k];
        for (Batch batch : batches) {
            double[] feats = readout.features(ops, params, batch).toDoubleArray();
            int rows = batch.time() * batch.batch();
            for (int r = 0; r < rows; r++) {
                if (batch.stepMask()[r] == 0 || batch.targetMask()[r] == 0) {
                    continue;
                }
                System.arraycopy(feats, r * f, row, 0, f);
                if (bias) {
                    row[f] = 1.0;
                }
                for (int i = 0; i < k; i++) {
                    double ri = row[i];
                    if (ri == 0) {
                        continue;
                    }
                    for (int j = 0; j <= i; j++) {
                        g[i][j] += ri * row[j];
                    }
                    for (int o = 0; o < m; o++) {
                        c[i][o] += ri * batch.targets()[r * m + o];
                    }
                }
            }
        }
        double[][] solution = solve(g, c, f, lambda);
        double[] w = new double[f * m];
        for (int i = 0; i < f; i++) {
            System.arraycopy(solution[i], 0, w, i * m, m);
        }
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        out.put(readout.weights(), ops.fromArray(dtype, io.engram.tensor.Shape.of(f, m), w));
        readout.bias().ifPresent(name -> out.put(name, ops.fromArray(dtype, io.engram.tensor.Shape.of(m),
                solution[f].clone())));
        return out;
    }

    /**
     * {@code (G + lambda I_f) X = C} for the lower triangle of the symmetric {@code G}, the ridge on
     * the first {@code f} diagonal elements only.
     */
    static double[][] solve(double[][] gLower, double[][] c, int f, double lambda) {
        int k = gLower.length;
        double trace = 0;
        for (int i = 0; i < k; i++) {
            trace += gLower[i][i];
        }
        double ridge = Math.max(lambda, 1e-300);
        double floor = 1e-12 * Math.max(trace / Math.max(1, k), 1e-300);
        for (int attempt = 0; attempt < 40; attempt++) {
            double[][] l = cholesky(gLower, f, ridge, floor);
            if (l != null) {
                return substitute(l, c);
            }
            ridge = Math.max(ridge * 10, floor);
        }
        throw new IllegalStateException("least squares readout: the normal equations stay singular");
    }

    /** The Cholesky factor of {@code G + ridge I_f} (plus {@code floor} on the bias), or null if not positive definite. */
    private static double[][] cholesky(double[][] g, int f, double ridge, double floor) {
        int k = g.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j] + (i == j ? (i < f ? ridge : floor) : 0.0);
                for (int p = 0; p < j; p++) {
                    s -= l[i][p] * l[j][p];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** {@code X} with {@code L L^T X = C}. */
    private static double[][] substitute(double[][] l, double[][] c) {
        int k = l.length;
        int m = c[0].length;
        double[][] x = new double[k][m];
        for (int o = 0; o < m; o++) {
            double[] y = new double[k];
            for (int i = 0; i < k; i++) {
                double s = c[i][o];
                for (int p = 0; p < i; p++) {
                    s -= l[i][p] * y[p];
                }
                y[i] = s / l[i][i];
            }
            for (int i = k - 1; i >= 0; i--) {
                double s = y[i];
                for (int p = i + 1; p < k; p++) {
                    s -= l[p][i] * x[p][o];
                }
                x[i][o] = s / l[i][i];
            }
        }
        return x;
    }
}
