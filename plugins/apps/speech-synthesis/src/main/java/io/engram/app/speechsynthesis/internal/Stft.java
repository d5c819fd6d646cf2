package io.engram.app.speechsynthesis.internal;

/**
 * The short-time Fourier transform with a periodic Hann window of {@code n} samples (a power of two)
 * and hop {@code hop}, frame {@code m} starting at sample {@code m * hop}; its inverse by weighted
 * overlap-add (Griffin and Lim 1984, eq. 6: {@code x(n) = sum_m w(n - mH) y_m(n - mH) / sum_m w^2(n - mH)}).
 * The transform of one frame is an iterative radix-2 FFT (Cooley and Tukey 1965). Spectra are
 * {@code [frames][n/2 + 1]} pairs of real and imaginary parts. Immutable and thread-safe.
 */
final class Stft {
    /** The least summed squared window a sample is divided by, relative to the largest. */
    static final double NORM_FLOOR = 1e-3;

    private final int n;
    private final int hop;
    private final double[] window;

    Stft(int n, int hop) {
        if (n < 2 || Integer.bitCount(n) != 1 || hop < 1 || hop > n) {
            throw new IllegalArgumentException("FFT length " + n + " must be a power of two at least 2, hop " + hop
                    + " in [1, " + n + "]");
        }
        this.n = n;
        this.hop = hop;
        this.window = new double[n];
        for (int i = 0; i < n; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
    }

    int bins() {
        return n / 2 + 1;
    }

    /** Frames of a signal of {@code length} samples: every frame that starts inside it. */
    int frames(int length) {
        return Math.max(1, (length + hop - 1) / hop);
    }

    /** Samples of a signal of {@code frames} frames. */
    int length(int frames) {
        return frames * hop;
    }

    /** The spectrum {@code [re, im][frames][bins]} of {@code x} (zero beyond its end). */
    double[][][] forward(double[] x) {
        int frames = frames(x.length);
        double[][][] out = new double[2][frames][];
        for (int m = 0; m < frames; m++) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n && m * hop + i < x.length; i++) {
                re[i] = x[m * hop + i] * window[i];
            }
            fft(re, im, false);
            out[0][m] = java.util.Arrays.copyOf(re, bins());
            out[1][m] = java.util.Arrays.copyOf(im, bins());
        }
        return out;
    }

    /** The power {@code |X|^2} of each frame and bin of {@code x}: {@code [frames][bins]}. */
    double[][] power(double[] x) {
        double[][][] s = forward(x);
        double[][] p = new double[s[0].length][bins()];
        for (int m = 0; m < p.length; m++) {
            for (int k = 0; k < bins(); k++) {
                p[m][k] = s[0][m][k] * s[0][m][k] + s[1][m][k] * s[1][m][k];
            }
        }
        return p;
    }

    /**
     * The signal of {@code length} samples whose windowed frames best match the spectrum (least
     * squares). Where the windows' summed squares fall below {@value #NORM_FLOOR} of their largest
     * (the first samples, under the rising edge of the first window alone) the division uses that
     * floor instead, so that the samples fade in rather than blow up an inconsistent spectrum.
     */
    double[] inverse(double[][] re, double[][] im, int length) {
        double[] x = new double[length + n];
        double[] norm = new double[length + n];
        for (int m = 0; m < re.length; m++) {
            double[] fr = new double[n];
            double[] fi = new double[n];
            for (int k = 0; k < bins(); k++) {
                fr[k] = re[m][k];
                fi[k] = im[m][k];
                if (k > 0 && k < n / 2) {
                    fr[n - k] = re[m][k];
                    fi[n - k] = -im[m][k];
                }
            }
            fft(fr, fi, true);
            for (int i = 0; i < n; i++) {
                x[m * hop + i] += window[i] * fr[i] / n;
                norm[m * hop + i] += window[i] * window[i];
            }
        }
        double most = 0;
        for (double v : norm) {
            most = Math.max(most, v);
        }
        double floor = NORM_FLOOR * most;
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = x[i] / Math.max(norm[i], floor);
        }
        return out;
    }

    /** In-place FFT of {@code (re, im)}; {@code inverse} flips the sign of the exponent (no 1/n). */
    static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
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
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = (inverse ? 2 : -2) * Math.PI / len;
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
    }
}
