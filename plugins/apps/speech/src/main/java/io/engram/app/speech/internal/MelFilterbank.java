package io.engram.app.speech.internal;

/**
 * Triangular filters equally spaced on the HTK mel scale ({@code mel(f) = 2595 log10(1 + f / 700)};
 * Young et al., "The HTK Book", sec. 5.4): {@code M + 2} edge frequencies {@code f_0 .. f_{M+1}}
 * equally spaced in mel from 0 Hz to the Nyquist frequency; band {@code m} (1-based) weighs FFT bin
 * {@code k} (at {@code f = k * rate / nfft}) by {@code (f - f_{m-1}) / (f_m - f_{m-1})} on its rising
 * side and {@code (f_{m+1} - f) / (f_{m+1} - f_m)} on its falling side, 0 outside, peak 1 (no area
 * normalisation, unlike Slaney's). Immutable.
 */
final class MelFilterbank {
    private final double[][] weights;

    private MelFilterbank(double[][] weights) {
        this.weights = weights;
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** The filters of {@code mels} bands over the {@code nfft / 2 + 1} bins of an FFT at {@code rate} Hz. */
    static MelFilterbank of(int rate, int nfft, int mels) {
        double[] edges = new double[mels + 2];
        double top = mel(rate / 2.0);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(top * i / (mels + 1));
        }
        int bins = nfft / 2 + 1;
        double[][] w = new double[mels][bins];
        for (int m = 1; m <= mels; m++) {
            for (int k = 0; k < bins; k++) {
                double f = k * (double) rate / nfft;
                double up = (f - edges[m - 1]) / (edges[m] - edges[m - 1]);
                double down = (edges[m + 1] - f) / (edges[m + 1] - edges[m]);
                w[m - 1][k] = Math.max(0, Math.min(up, down));
            }
        }
        return new MelFilterbank(w);
    }

    /** The first band (0-based) that no FFT bin falls in, or -1: too many bands for the FFT's resolution. */
    int emptyBand() {
        for (int m = 0; m < weights.length; m++) {
            double sum = 0;
            for (double v : weights[m]) {
                sum += v;
            }
            if (sum == 0) {
                return m;
            }
        }
        return -1;
    }

    /** The band energies {@code sum_k w_mk P_k} of power spectrum {@code power}. */
    double[] apply(double[] power) {
        double[] e = new double[weights.length];
        for (int m = 0; m < weights.length; m++) {
            double s = 0;
            double[] w = weights[m];
            for (int k = 0; k < w.length; k++) {
                s += w[k] * power[k];
            }
            e[m] = s;
        }
        return e;
    }
}
