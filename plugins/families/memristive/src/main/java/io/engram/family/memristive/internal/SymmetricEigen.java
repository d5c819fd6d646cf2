package io.engram.family.memristive.internal;

/**
 * Eigenvalues of a real symmetric matrix by the cyclic Jacobi method, in f64: rotations zero the
 * off-diagonal entries one by one until their sum of squares falls below {@code 1e-26} of the
 * matrix's. Accurate to a few ulps of the largest eigenvalue. Stateless.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * The eigenvalues of {@code a [n, n]} (row-major, symmetric), in ascending order; {@code a} is
     * not modified.
     *
     * @throws IllegalArgumentException when {@code a} is not {@code n * n} long or not symmetric
     */
    static double[] values(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " * " + n);
        }
        double[] m = a.clone();
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Math.abs(m[i * n + j] - m[j * n + i]) > 1e-12 * (1 + Math.abs(m[i * n + j]))) {
                    throw new IllegalArgumentException("matrix not symmetric at " + i + "," + j);
                }
                total += m[i * n + j] * m[i * n + j];
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m, n) > 1e-26 * total; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, n, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i * n + i];
        }
        java.util.Arrays.sort(values);
        return values;
    }

    private static double offDiagonal(double[] m, int n) {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    acc += m[i * n + j] * m[i * n + j];
                }
            }
        }
        return acc;
    }

    /** Applies the rotation in the {@code (p, q)} plane that zeroes {@code m[p, q]}. */
    private static void rotate(double[] m, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double kp = m[k * n + p];
            double kq = m[k * n + q];
            m[k * n + p] = c * kp - s * kq;
            m[k * n + q] = s * kp + c * kq;
        }
        for (int k = 0; k < n; k++) {
            double pk = m[p * n + k];
            double qk = m[q * n + k];
            m[p * n + k] = c * pk - s * qk;
            m[q * n + k] = s * pk + c * qk;
        }
    }
}
