package io.engram.tensor;

/**
 * Dense {@code a x = b} on the host in f64, by LU factorisation with partial pivoting (Golub and Van
 * Loan, "Matrix Computations", 4th ed. 2013, algorithm 3.4.1), then forward and back substitution
 * for every column of {@code b}. Stateless; the default of {@link Ops#solve}.
 */
final class LinearSolve {
    private LinearSolve() {
    }

    /** {@code x} with {@code a x = b}: {@code a} row-major {@code [n,n]}, {@code b} and the result {@code [n,k]}. */
    static double[] solve(double[] a, double[] b, int n, int k) {
        double[] lu = a.clone();
        double[] x = b.clone();
        for (int j = 0; j < n; j++) {
            int p = j;
            for (int i = j + 1; i < n; i++) {
                if (Math.abs(lu[i * n + j]) > Math.abs(lu[p * n + j])) {
                    p = i;
                }
            }
            double pivot = lu[p * n + j];
            if (pivot == 0.0 || !Double.isFinite(pivot)) {
                throw new IllegalArgumentException("solve: the matrix is singular (pivot " + pivot + " in column " + j
                        + ")");
            }
            swapRows(lu, n, p, j);
            swapRows(x, k, p, j);
            for (int i = j + 1; i < n; i++) {
                double f = lu[i * n + j] / pivot;
                lu[i * n + j] = f;
                for (int c = j + 1; c < n; c++) {
                    lu[i * n + c] -= f * lu[j * n + c];
                }
                for (int c = 0; c < k; c++) {
                    x[i * k + c] -= f * x[j * k + c];
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int c = 0; c < k; c++) {
                double v = x[i * k + c];
                for (int j = i + 1; j < n; j++) {
                    v -= lu[i * n + j] * x[j * k + c];
                }
                x[i * k + c] = v / lu[i * n + i];
            }
        }
        return x;
    }

    private static void swapRows(double[] m, int width, int r, int s) {
        if (r == s) {
            return;
        }
        for (int c = 0; c < width; c++) {
            double t = m[r * width + c];
            m[r * width + c] = m[s * width + c];
            m[s * width + c] = t;
        }
    }
}
