package io.engram.app.speechsynthesis.internal;

/**
 * Mel-cepstral distortion (Kubichek 1993, "Mel-cepstral distance measure for objective speech
 * quality assessment"), in dB, between two sequences of log-mel frames of equal length:
 * <pre>
 *   c_d     = (1 / J) sum_j (ln E_j / 2) cos(pi d (j + 1/2) / J)   (DCT-II of the log-mel amplitudes)
 *   MCD     = (10 / ln 10) sqrt(2 sum_{d=1..D} (c_d - c'_d)^2)      (per frame, c_0, the energy, left out)
 * </pre>
 * averaged over the frames. The energies are powers, so the amplitudes' logarithms are half theirs, as
 * in the cepstra of amplitude spectra the formula was made for; the scale {@code 1 / J} is the
 * cepstrum's own ({@code ln A(w) = c_0 + 2 sum_d c_d cos(d w)}: a cosine of amplitude {@code a} across
 * the bands has {@code c_d = a / 2}). The mel-cepstra here are those of the log-mel energies, not of an
 * all-pole or SPTK mel-generalised analysis, so figures compare among models scored the same way.
 * Stateless and thread-safe.
 */
final class Mcd {
    private static final double K = 10 / Math.log(10);

    private Mcd() {
    }

    /** The mel-cepstrum {@code c_0 .. c_D} of one frame of log-mel energies (of the amplitudes, half of them). */
    static double[] cepstrum(double[] logMel, int coefficients) {
        int j = logMel.length;
        double[] c = new double[coefficients + 1];
        for (int d = 0; d <= coefficients; d++) {
            double s = 0;
            for (int i = 0; i < j; i++) {
                s += 0.5 * logMel[i] * Math.cos(Math.PI * d * (i + 0.5) / j);
            }
            c[d] = s / j;
        }
        return c;
    }

    /** The MCD of one frame pair, dB. */
    static double frame(double[] a, double[] b, int coefficients) {
        double[] ca = cepstrum(a, coefficients);
        double[] cb = cepstrum(b, coefficients);
        double s = 0;
        for (int d = 1; d <= coefficients; d++) {
            s += (ca[d] - cb[d]) * (ca[d] - cb[d]);
        }
        return K * Math.sqrt(2 * s);
    }

    /** The mean MCD over the frames of two equally long sequences, dB. */
    static double of(double[][] a, double[][] b, int coefficients) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("MCD of " + a.length + " and " + b.length + " frames");
        }
        double sum = 0;
        for (int m = 0; m < a.length; m++) {
            sum += frame(a[m], b[m], coefficients);
        }
        return sum / a.length;
    }
}
