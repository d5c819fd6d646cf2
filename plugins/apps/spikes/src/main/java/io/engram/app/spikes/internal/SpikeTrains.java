package io.engram.app.spikes.internal;

import java.util.SplittableRandom;

/**
 * Poisson spike trains on a grid of time bins and their jittered copies, as in the classification
 * tasks of Maass, Natschlaeger and Markram (2002): a template is a Poisson train of each channel;
 * a sample moves each spike of the template by a Gaussian jitter. A train is {@code [bins][channels]}
 * holding the number of spikes of each bin. Stateless.
 */
final class SpikeTrains {
    private SpikeTrains() {
    }

    /** Poisson trains of {@code channels} channels over {@code bins} bins of {@code binMs} ms at {@code rateHz}. */
    static double[][] poisson(SplittableRandom r, int bins, int channels, double rateHz, double binMs) {
        double p = rateHz * binMs / 1000.0;
        double[][] train = new double[bins][channels];
        for (int t = 0; t < bins; t++) {
            for (int c = 0; c < channels; c++) {
                if (r.nextDouble() < p) {
                    train[t][c] += 1;
                }
            }
        }
        return train;
    }

    /**
     * A copy of {@code template} with every spike moved by a Gaussian of standard deviation
     * {@code jitterMs}, rounded to its bin and kept inside the train (moved to the first or last bin).
     */
    static double[][] jittered(SplittableRandom r, double[][] template, double jitterMs, double binMs) {
        int bins = template.length;
        double[][] out = new double[bins][template.length == 0 ? 0 : template[0].length];
        for (int t = 0; t < bins; t++) {
            for (int c = 0; c < template[t].length; c++) {
                for (int k = 0; k < (int) template[t][c]; k++) {
                    int moved = (int) Math.round(t + gaussian(r) * jitterMs / binMs);
                    out[Math.max(0, Math.min(bins - 1, moved))][c] += 1;
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
