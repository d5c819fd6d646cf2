package io.engram.trainer.ridge.internal;

import java.util.Optional;

/**
 * Solves the ridge normal equations {@code (X^T X + lambda D) W = X^T Y} in f64 by the Cholesky
 * factorisation {@code A = L L^T} (Golub and Van Loan, "Matrix Computations", 4th ed. 2013,
 * algorithm 4.2.1, the row-oriented form: each entry of {@code L} is a dot product of two rows of
 * {@code L}, read contiguously), then forward and back substitution for each output. {@code D} is
 * the identity except where the bias sits, which is not penalised. Stateless.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * {@code W [n, outputs]} row-major, or empty when {@code X^T X + lambda D} is not positive
     * definite to working precision (a pivot at or below {@code 1e-14} times the largest diagonal).
     *
     * @param biasIndex the row of {@code W} that is the bias (not penalised), or -1
     */
    static Optional<double[]> solve(Gram g, double lambda, int biasIndex) {
        int n = g.n;
        double[] l = new double[n * n];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, g.xtx[i * n + i] + (i == biasIndex ? 0 : lambda));
        }
        double tiny = 1e-14 * Math.max(maxDiag, Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = g.xtx[ri + j] + (i == j && i != biasIndex ? lambda : 0) - dot(l, ri, rj, j);
                if (i == j) {
                    if (!(s > tiny)) {
                        return Optional.empty();
                    }
                    l[ri + i] = Math.sqrt(s);
                } else {
                    l[ri + j] = s / l[rj + j];
                }
            }
        }
        return Optional.of(substitute(l, g.xty, n, g.outputs));
    }

    /** {@code sum_k<length l[a + k] l[b + k]}, in four interleaved partial sums (independent chains run in parallel). */
    private static double dot(double[] l, int a, int b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += l[a + k] * l[b + k];
            s1 += l[a + k + 1] * l[b + k + 1];
            s2 += l[a + k + 2] * l[b + k + 2];
            s3 += l[a + k + 3] * l[b + k + 3];
        }
        for (; k < length; k++) {
            s0 += l[a + k] * l[b + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double[] substitute(double[] l, double[] b, int n, int k) {
        double[] w = new double[n * k];
        double[] z = new double[n];
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < n; i++) {
                double s = b[i * k + o];
                for (int j = 0; j < i; j++) {
                    s -= l[i * n + j] * z[j];
                }
                z[i] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int j = i + 1; j < n; j++) {
                    s -= l[j * n + i] * w[j * k + o];
                }
                w[i * k + o] = s / l[i * n + i];
            }
        }
        return w;
    }
}
