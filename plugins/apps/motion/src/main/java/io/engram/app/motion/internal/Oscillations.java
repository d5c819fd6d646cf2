package io.engram.app.motion.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The period and amplitude of a sampled oscillation. The period is the mean distance between
 * upward crossings of the signal's mean, each crossing placed by linear interpolation between the
 * two samples around it; the amplitude is half the signal's range. Stateless.
 */
final class Oscillations {

    private Oscillations() {
    }

    /** The period of {@code v[from, to)} in steps, or 0 when it crosses its mean upwards fewer than twice. */
    static double period(double[] v, int from, int to) {
        double mean = 0;
        for (int t = from; t < to; t++) {
            mean += v[t] / (to - from);
        }
        List<Double> up = new ArrayList<>();
        for (int t = from + 1; t < to; t++) {
            double a = v[t - 1] - mean;
            double b = v[t] - mean;
            if (a < 0 && b >= 0) {
                up.add(t - 1 + a / (a - b));
            }
        }
        return up.size() < 2 ? 0 : (up.get(up.size() - 1) - up.get(0)) / (up.size() - 1);
    }

    /** Half the range of {@code v[from, to)}. */
    static double amplitude(double[] v, int from, int to) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
            min = Math.min(min, v[t]);
            max = Math.max(max, v[t]);
        }
        return (max - min) / 2;
    }

    /** Column {@code c} of {@code rows}. */
    static double[] column(double[][] rows, int c) {
        double[] v = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            v[t] = rows[t][c];
        }
        return v;
    }
}
