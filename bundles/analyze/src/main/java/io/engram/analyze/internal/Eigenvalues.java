package io.engram.analyze.internal;

import java.util.Arrays;

/**
 * The eigenvalues of a real square matrix: reduction to upper Hessenberg form by Householder
 * similarity transformations, then the shifted QR algorithm with Francis double steps, as EISPACK's
 * {@code orthes} and {@code hqr} (Wilkinson and Reinsch, "Handbook for Automatic Computation II,
 * Linear Algebra", 1971; Golub and Van Loan, "Matrix Computations", 4th ed. 2013, algorithms 7.4.2
 * and 7.5.2; the exceptional shifts of the JAMA port). Complex eigenvalues come in conjugate pairs.
 * Stateless and thread-safe.
 */
final class Eigenvalues {
    private static final double EPS = Math.ulp(1.0);

    private Eigenvalues() {
    }

    /**
     * The eigenvalues of {@code a} (row-major {@code [n][n]}, not changed), as {@code {re, im}} arrays
     * of length {@code n}, sorted by decreasing modulus (then by decreasing real part and imaginary part).
     *
     * @throws IllegalArgumentException when {@code a} is not square or holds a NaN or infinite value
     * @throws ArithmeticException      when the QR iteration does not converge (never seen on finite input)
     */
    static double[][] of(double[][] a) {
        int n = a.length;
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("eigenvalues: row " + i + " has " + a[i].length + " values, expected " + n);
            }
            for (double v : a[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("eigenvalues: row " + i + " holds " + v);
                }
            }
            h[i] = a[i].clone();
        }
        hessenberg(h);
        double[] re = new double[n];
        double[] im = new double[n];
        qr(h, re, im);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(Math.hypot(re[y], im[y]), Math.hypot(re[x], im[x]));
            c = c != 0 ? c : Double.compare(re[y], re[x]);
            return c != 0 ? c : Double.compare(im[y], im[x]);
        });
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = re[order[i]];
            out[1][i] = im[order[i]];
        }
        return out;
    }

    /** Householder reduction of {@code h} to upper Hessenberg form in place (orthes); zeros below the subdiagonal. */
    static void hessenberg(double[][] h) {
        int n = h.length;
        int high = n - 1;
        double[] ort = new double[n];
        for (int m = 1; m <= high - 1; m++) {
            double scale = 0;
            for (int i = m; i <= high; i++) {
                scale += Math.abs(h[i][m - 1]);
            }
            if (scale == 0) {
                continue;
            }
            double sum = 0;
            for (int i = high; i >= m; i--) {
                ort[i] = h[i][m - 1] / scale;
                sum += ort[i] * ort[i];
            }
            double g = Math.sqrt(sum);
            if (ort[m] > 0) {
                g = -g;
            }
            sum -= ort[m] * g;
            ort[m] -= g;
            // H = (I - u u^T / sum) H (I - u u^T / sum)
            for (int j = m; j < n; j++) {
                double f = 0;
                for (int i = high; i >= m; i--) {
                    f += ort[i] * h[i][j];
                }
                f /= sum;
                for (int i = m; i <= high; i++) {
                    h[i][j] -= f * ort[i];
                }
            }
            for (int i = 0; i <= high; i++) {
                double f = 0;
                for (int j = high; j >= m; j--) {
                    f += ort[j] * h[i][j];
                }
                f /= sum;
                for (int j = m; j <= high; j++) {
                    h[i][j] -= f * ort[j];
                }
            }
            h[m][m - 1] = scale * g;
            for (int i = m + 1; i <= high; i++) {
                h[i][m - 1] = 0;
            }
        }
    }

    /** The eigenvalues of the upper Hessenberg {@code h} (destroyed) into {@code re}, {@code im} (hqr). */
    private static void qr(double[][] h, double[] re, double[] im) {
        int nn = h.length;
        int n = nn - 1;
        int low = 0;
        double exshift = 0;
        double p = 0;
        double q = 0;
        double r = 0;
        double s;
        double z = 0;
        double w;
        double x;
        double y;
        double norm = 0;
        for (int i = 0; i < nn; i++) {
            for (int j = Math.max(i - 1, 0); j < nn; j++) {
                norm += Math.abs(h[i][j]);
            }
        }
        int iter = 0;
        int total = 0;
        while (n >= low) {
            int l = n;
            while (l > low) {
                s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
                if (s == 0) {
                    s = norm;
                }
                if (Math.abs(h[l][l - 1]) <= EPS * s) {
                    break;
                }
                l--;
            }
            if (l == n) {
                // one root
                re[n] = h[n][n] + exshift;
                im[n] = 0;
                n--;
                iter = 0;
            } else if (l == n - 1) {
                // two roots
                w = h[n][n - 1] * h[n - 1][n];
                p = (h[n - 1][n - 1] - h[n][n]) / 2.0;
                q = p * p + w;
                z = Math.sqrt(Math.abs(q));
                x = h[n][n] + exshift;
                if (q >= 0) {
                    z = p >= 0 ? p + z : p - z;
                    re[n - 1] = x + z;
                    re[n] = z != 0 ? x - w / z : x + z;
                    im[n - 1] = 0;
                    im[n] = 0;
                } else {
                    re[n - 1] = x + p;
                    re[n] = x + p;
                    im[n - 1] = z;
                    im[n] = -z;
                }
                n -= 2;
                iter = 0;
            } else {
                if (++total > 100 * nn) {
                    throw new ArithmeticException("eigenvalues: the QR iteration did not converge in " + total + " steps");
                }
                x = h[n][n];
                y = h[n - 1][n - 1];
                w = h[n][n - 1] * h[n - 1][n];
                if (iter == 10) {
                    // Wilkinson's exceptional shift
                    exshift += x;
                    for (int i = low; i <= n; i++) {
                        h[i][i] -= x;
                    }
                    s = Math.abs(h[n][n - 1]) + Math.abs(h[n - 1][n - 2]);
                    x = 0.75 * s;
                    y = x;
                    w = -0.4375 * s * s;
                }
                if (iter == 30) {
                    // MATLAB's exceptional shift
                    s = (y - x) / 2.0;
                    s = s * s + w;
                    if (s > 0) {
                        s = Math.sqrt(s);
                        if (y < x) {
                            s = -s;
                        }
                        s = x - w / ((y - x) / 2.0 + s);
                        for (int i = low; i <= n; i++) {
                            h[i][i] -= s;
                        }
                        exshift += s;
                        x = 0.964;
                        y = x;
                        w = x;
                    }
                }
                iter++;
                // two consecutive small subdiagonal elements
                int m = n - 2;
                while (m >= l) {
                    z = h[m][m];
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / h[m + 1][m] + h[m][m + 1];
                    q = h[m + 1][m + 1] - z - r - s;
                    r = h[m + 2][m + 1];
                    s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l) {
                        break;
                    }
                    if (Math.abs(h[m][m - 1]) * (Math.abs(q) + Math.abs(r))
                            < EPS * (Math.abs(p) * (Math.abs(h[m - 1][m - 1]) + Math.abs(z) + Math.abs(h[m + 1][m + 1])))) {
                        break;
                    }
                    m--;
                }
                for (int i = m + 2; i <= n; i++) {
                    h[i][i - 2] = 0;
                    if (i > m + 2) {
                        h[i][i - 3] = 0;
                    }
                }
                // double QR step on rows l..n and columns m..n
                for (int k = m; k <= n - 1; k++) {
                    boolean notlast = k != n - 1;
                    if (k != m) {
                        p = h[k][k - 1];
                        q = h[k + 1][k - 1];
                        r = notlast ? h[k + 2][k - 1] : 0.0;
                        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                        if (x == 0) {
                            continue;
                        }
                        p /= x;
                        q /= x;
                        r /= x;
                    }
                    s = Math.sqrt(p * p + q * q + r * r);
                    if (p < 0) {
                        s = -s;
                    }
                    if (s != 0) {
                        if (k != m) {
                            h[k][k - 1] = -s * x;
                        } else if (l != m) {
                            h[k][k - 1] = -h[k][k - 1];
                        }
                        p += s;
                        x = p / s;
                        y = q / s;
                        z = r / s;
                        q /= p;
                        r /= p;
                        for (int j = k; j < nn; j++) {
                            p = h[k][j] + q * h[k + 1][j];
                            if (notlast) {
                                p += r * h[k + 2][j];
                                h[k + 2][j] -= p * z;
                            }
                            h[k][j] -= p * x;
                            h[k + 1][j] -= p * y;
                        }
                        for (int i = 0; i <= Math.min(n, k + 3); i++) {
                            p = x * h[i][k] + y * h[i][k + 1];
                            if (notlast) {
                                p += z * h[i][k + 2];
                                h[i][k + 2] -= p * r;
                            }
                            h[i][k] -= p;
                            h[i][k + 1] -= p * q;
                        }
                    }
                }
            }
        }
    }
}
