package io.engram.app.speech.internal;

/**
 * The power spectrum of a real frame by an iterative radix-2 Cooley-Tukey FFT (Cooley and Tukey
 * 1965): {@code P_k = |sum_n x_n e^(-2 pi i k n / N)|^2} for {@code k = 0 .. N/2}. {@code N} is a power
 * of two. Stateless and thread-safe.
 */
final class Fft {
    private Fft() {
    }

    /** {@code |X_k|^2} for {@code k = 0 .. n/2} of {@code frame} zero-padded to {@code n}. */
    static double[] power(double[] frame, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        System.arraycopy(frame, 0, re, 0, Math.min(frame.length, n));
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        double[] p = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            p[k] = re[k] * re[k] + im[k] * im[k];
        }
        return p;
    }
}
