package io.engram.family.ctrnn.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.List;

/** A sine target of a given period, free runs of a network and the period and amplitude of what it generates. */
final class Oscillation {

    private Oscillation() {
    }

    /** One sequence of {@code steps} zero inputs whose target is {@code amplitude sin(2 pi (t + 1) / period)}. */
    static Dataset sine(int steps, double period, double amplitude) {
        double[][] x = new double[steps][1];
        double[][] y = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            y[t][0] = amplitude * Math.sin(2 * Math.PI * (t + 1) / period);
        }
        boolean[] mask = new boolean[steps];
        java.util.Arrays.fill(mask, true);
        return new Dataset(List.of(new Sequence(x, y, mask)), 1, 1);
    }

    /** The first output of {@code network} run free (zero input) for {@code steps} steps. */
    static double[] run(Network network, Ops ops, int steps) {
        double[][] out = SequenceOutputs.of(network, ops, sine(steps, 1, 0)).get(0);
        double[] v = new double[steps];
        for (int t = 0; t < steps; t++) {
            v[t] = out[t][0];
        }
        return v;
    }

    /** The mean distance between upward crossings of the mean in {@code v[from..]}, interpolated linearly; NaN for fewer than two. */
    static double period(double[] v, int from) {
        double mean = 0;
        for (int t = from; t < v.length; t++) {
            mean += v[t] / (v.length - from);
        }
        List<Double> up = new ArrayList<>();
        for (int t = from + 1; t < v.length; t++) {
            double a = v[t - 1] - mean;
            double b = v[t] - mean;
            if (a < 0 && b >= 0) {
                up.add(t - 1 + a / (a - b));
            }
        }
        return up.size() < 2 ? Double.NaN : (up.get(up.size() - 1) - up.get(0)) / (up.size() - 1);
    }

    /** Half the range of {@code v[from..]}. */
    static double amplitude(double[] v, int from) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = from; t < v.length; t++) {
            min = Math.min(min, v[t]);
            max = Math.max(max, v[t]);
        }
        return (max - min) / 2;
    }
}
