package io.engram.app.speechsynthesis.internal;

/**
 * A mel filterbank: {@code mels} triangular filters equally spaced on the HTK mel scale
 * {@code mel(f) = 2595 log10(1 + f / 700)} from 0 Hz to the Nyquist frequency, over the {@code bins}
 * power bins of an FFT, each filter 1 at its centre and 0 at its neighbours' centres. Log-mel
 * energies are {@code ln(max(M p, FLOOR))}. Back from mel to linear: the Moore-Penrose
 * pseudo-inverse {@code M+ = M^T (M M^T)^-1} (the least-norm power spectrum with those mel
 * energies), negative values clipped to 0. Immutable and thread-safe.
 */
final class MelBank {
    /** The smallest energy before the logarithm. */
    static final double FLOOR = 1e-4;

    private final double[][] filters;
    private final double[][] inverse;
    private final int emptyBand;

    MelBank(int mels, int bins, int rate) {
        filters = new double[mels][bins];
        double top = mel(rate / 2.0);
        double[] centres = new double[mels + 2];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = hertz(top * i / (mels + 1));
        }
        int empty = -1;
        for (int j = 0; j < mels; j++) {
            double sum = 0;
            for (int k = 0; k < bins; k++) {
                double f = k * (rate / 2.0) / (bins - 1);
                double up = (f - centres[j]) / (centres[j + 1] - centres[j]);
                double down = (centres[j + 2] - f) / (centres[j + 2] - centres[j + 1]);
                filters[j][k] = Math.max(0, Math.min(up, down));
                sum += filters[j][k];
            }
            empty = sum == 0 && empty < 0 ? j : empty;
        }
        emptyBand = empty;
        inverse = empty >= 0 ? null : pseudoInverse(filters);
    }

    static double mel(double hertz) {
        return 2595 * Math.log10(1 + hertz / 700);
    }

    static double hertz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    int mels() {
        return filters.length;
    }

    /** The first band that holds no FFT bin, or -1 when every band holds one. */
    int emptyBand() {
        return emptyBand;
    }

    /** {@code ln(max(M p, FLOOR))} of each power frame {@code [frames][bins]}: {@code [frames][mels]}. */
    double[][] logMel(double[][] power) {
        double[][] out = new double[power.length][mels()];
        for (int m = 0; m < power.length; m++) {
            for (int j = 0; j < mels(); j++) {
                double e = 0;
                for (int k = 0; k < power[m].length; k++) {
                    e += filters[j][k] * power[m][k];
                }
                out[m][j] = Math.log(Math.max(e, FLOOR));
            }
        }
        return out;
    }

    /** The power spectrum {@code [frames][bins]} of log-mel frames by the pseudo-inverse, clipped at 0. */
    double[][] power(double[][] logMel) {
        if (inverse == null) {
            throw new IllegalStateException("mel band " + emptyBand + " holds no FFT bin: no inverse");
        }
        int bins = inverse.length;
        double[][] out = new double[logMel.length][bins];
        for (int m = 0; m < logMel.length; m++) {
            double[] e = new double[mels()];
            for (int j = 0; j < mels(); j++) {
                e[j] = Math.exp(logMel[m][j]);
            }
            for (int k = 0; k < bins; k++) {
                double p = 0;
                for (int j = 0; j < mels(); j++) {
                    p += inverse[k][j] * e[j];
                }
                out[m][k] = Math.max(p, 0);
            }
        }
        return out;
    }

    /** {@code M^T (M M^T)^-1} of {@code M [mels][bins]}, {@code [bins][mels]}, by Gauss-Jordan elimination. */
    private static double[][] pseudoInverse(double[][] m) {
        int r = m.length;
        int c = m[0].length;
        double[][] a = new double[r][2 * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += m[i][k] * m[j][k];
                }
                a[i][j] = s;
            }
            a[i][r + i] = 1;
        }
        for (int p = 0; p < r; p++) {
            int best = p;
            for (int i = p + 1; i < r; i++) {
                best = Math.abs(a[i][p]) > Math.abs(a[best][p]) ? i : best;
            }
            double[] t = a[p];
            a[p] = a[best];
            a[best] = t;
            double pivot = a[p][p];
            for (int j = 0; j < 2 * r; j++) {
                a[p][j] /= pivot;
            }
            for (int i = 0; i < r; i++) {
                if (i != p && a[i][p] != 0) {
                    double f = a[i][p];
                    for (int j = 0; j < 2 * r; j++) {
                        a[i][j] -= f * a[p][j];
                    }
                }
            }
        }
        double[][] out = new double[c][r];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int i = 0; i < r; i++) {
                    s += m[i][k] * a[i][r + j];
                }
                out[k][j] = s;
            }
        }
        return out;
    }
}
