package io.engram.app.speechsynthesis.internal;

import java.util.SplittableRandom;

/**
 * The Griffin-Lim vocoder (Griffin and Lim 1984, "Signal estimation from modified short-time Fourier
 * transform", IEEE TASSP 32(2), sec. 3): a signal whose STFT magnitude is close to a given
 * {@code |Y|}, found by starting from random phases (drawn from a seed) and repeating
 * <pre>
 *   x_{i+1} = ISTFT(|Y| e^{j arg STFT(x_i)})         (eq. 6, each step lowering the distance of eq. 7)
 * </pre>
 * Its quality is measured by the spectral convergence {@code || |STFT(x)| - |Y| ||_F / ||Y||_F}.
 * Stateless and thread-safe.
 */
final class GriffinLim {
    private GriffinLim() {
    }

    /** A signal of {@code magnitude.length} frames ({@code [frames][bins]}) after {@code iterations} steps. */
    static double[] signal(Stft stft, double[][] magnitude, int iterations, long seed) {
        int frames = magnitude.length;
        int bins = stft.bins();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] re = new double[frames][bins];
        double[][] im = new double[frames][bins];
        for (int m = 0; m < frames; m++) {
            for (int k = 0; k < bins; k++) {
                double phase = 2 * Math.PI * random.nextDouble();
                re[m][k] = magnitude[m][k] * Math.cos(phase);
                im[m][k] = magnitude[m][k] * Math.sin(phase);
            }
        }
        int length = stft.length(frames);
        double[] x = stft.inverse(re, im, length);
        for (int i = 0; i < iterations; i++) {
            double[][][] s = stft.forward(x);
            for (int m = 0; m < frames; m++) {
                for (int k = 0; k < bins; k++) {
                    double a = Math.hypot(s[0][m][k], s[1][m][k]);
                    re[m][k] = a > 1e-12 ? magnitude[m][k] * s[0][m][k] / a : magnitude[m][k];
                    im[m][k] = a > 1e-12 ? magnitude[m][k] * s[1][m][k] / a : 0;
                }
            }
            x = stft.inverse(re, im, length);
        }
        return x;
    }

    /** {@code || |STFT(x)| - |Y| ||_F / ||Y||_F} over the frames of {@code magnitude}. */
    static double spectralConvergence(Stft stft, double[] x, double[][] magnitude) {
        double[][][] s = stft.forward(x);
        double diff = 0;
        double norm = 0;
        for (int m = 0; m < magnitude.length; m++) {
            for (int k = 0; k < stft.bins(); k++) {
                double a = m < s[0].length ? Math.hypot(s[0][m][k], s[1][m][k]) : 0;
                diff += (a - magnitude[m][k]) * (a - magnitude[m][k]);
                norm += magnitude[m][k] * magnitude[m][k];
            }
        }
        return Math.sqrt(diff / Math.max(norm, 1e-300));
    }
}
