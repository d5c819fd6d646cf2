package io.engram.trainer.ridge.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import java.util.Optional;

/**
 * Solves the ridge normal equations {@code (X^T X + lambda D) W = X^T Y} in f64 by the Cholesky
 * factorisation {@code A = L L^T}, then forward and back substitution for each output. {@code D}
 * is the identity except where the bias sits, which is not penalised. The factorisation is the
 * blocked right-looking one (Golub and Van Loan, "Matrix Computations", 4th ed. 2013, section
 * 4.2.9), {@value #BLOCK} columns at a time: factor the diagonal block (algorithm 4.2.1, each entry
 * a dot product of two rows), solve the panel below it, and subtract {@code L21 L21^T} from the
 * trailing matrix as one f64 matrix product, on the backend's ops when given (most of the
 * multiply-adds, at the speed of its products), else on the host. Stateless.
 */
final class Cholesky {
    static final int BLOCK = 96;

    private Cholesky() {
    }

    /** As {@link #solve(Ops, Gram, double, int)} with every product on the host. */
    static Optional<double[]> solve(Gram g, double lambda, int biasIndex) {
        return solve(null, g, lambda, biasIndex);
    }

    /**
     * {@code W [n, outputs]} row-major, or empty when {@code X^T X + lambda D} is not positive
     * definite to working precision (a pivot at or below {@code 1e-15} times its row's diagonal).
     *
     * @param ops       f64 products of the trailing updates, or null for the host
     * @param biasIndex the row of {@code W} that is the bias (not penalised), or -1
     */
    static Optional<double[]> solve(Ops ops, Gram g, double lambda, int biasIndex) {
        int n = g.n;
        double[] a = g.xtx.clone();
        double[] tiny = new double[n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] += i == biasIndex ? 0 : lambda;
            tiny[i] = 1e-15 * Math.max(a[i * n + i], Double.MIN_NORMAL);
        }
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            if (!factorDiagonal(a, n, k0, k1, tiny)) {
                return Optional.empty();
            }
            solvePanel(a, n, k0, k1);
            if (k1 < n) {
                updateTrailing(ops, a, n, k0, k1);
            }
        }
        return Optional.of(substitute(a, g.xty, n, g.outputs));
    }

    /** Factors {@code A[k0:k1, k0:k1]} in place (its lower triangle becomes {@code L11}); false at a pivot too small. */
    private static boolean factorDiagonal(double[] a, int n, int k0, int k1, double[] tiny) {
        for (int i = k0; i < k1; i++) {
            for (int j = k0; j <= i; j++) {
                double s = a[i * n + j] - dot(a, i * n + k0, j * n + k0, j - k0);
                if (i == j) {
                    if (!(s > tiny[i])) {
                        return false;
                    }
                    a[i * n + i] = Math.sqrt(s);
                } else {
                    a[i * n + j] = s / a[j * n + j];
                }
            }
        }
        return true;
    }

    /** {@code L21 = A21 L11^-T} in place, rows below the block, by forward substitution along each row. */
    private static void solvePanel(double[] a, int n, int k0, int k1) {
        for (int i = k1; i < n; i++) {
            for (int j = k0; j < k1; j++) {
                a[i * n + j] = (a[i * n + j] - dot(a, i * n + k0, j * n + k0, j - k0)) / a[j * n + j];
            }
        }
    }

    /** {@code A22 -= L21 L21^T} over the whole trailing square (both triangles: one product). */
    private static void updateTrailing(Ops ops, double[] a, int n, int k0, int k1) {
        int m = n - k1;
        int b = k1 - k0;
        double[] panel = new double[m * b];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, (k1 + i) * n + k0, panel, i * b, b);
        }
        double[] product;
        if (ops != null) {
            var p = ops.fromArray(DType.F64, Shape.of(m, b), panel);
            product = ops.matmul(p, p, false, true).toDoubleArray();
        } else {
            product = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    product[i * m + j] = dot(panel, i * b, j * b, b);
                    product[j * m + i] = product[i * m + j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            int row = (k1 + i) * n + k1;
            for (int j = 0; j < m; j++) {
                a[row + j] -= product[i * m + j];
            }
        }
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

    /** Forward then back substitution with the lower triangle of {@code l} ({@code L}); its upper triangle is never read. */
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
