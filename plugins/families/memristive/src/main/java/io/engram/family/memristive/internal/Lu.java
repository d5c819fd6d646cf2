package io.engram.family.memristive.internal;

/** Solves {@code A y = b} by Gaussian elimination with partial pivoting, in f64. Stateless. */
final class Lu {
    private Lu() {
    }

    /**
     * The solution of {@code a y = b} for {@code a [n, n]} row-major; {@code a} is overwritten.
     *
     * @throws IllegalArgumentException when {@code a} is singular
     */
    static double[] solve(double[] a, double[] b, int n) {
        double[] y = b.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            if (a[p * n + c] == 0) {
                throw new IllegalArgumentException("singular matrix at column " + c);
            }
            if (p != c) {
                for (int j = 0; j < n; j++) {
                    double t = a[c * n + j];
                    a[c * n + j] = a[p * n + j];
                    a[p * n + j] = t;
                }
                double t = y[c];
                y[c] = y[p];
                y[p] = t;
            }
            double pivot = a[c * n + c];
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / pivot;
                if (f != 0) {
                    for (int j = c; j < n; j++) {
                        a[r * n + j] -= f * a[c * n + j];
                    }
                    y[r] -= f * y[c];
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double acc = y[r];
            for (int j = r + 1; j < n; j++) {
                acc -= a[r * n + j] * y[j];
            }
            y[r] = acc / a[r * n + r];
        }
        return y;
    }
}
