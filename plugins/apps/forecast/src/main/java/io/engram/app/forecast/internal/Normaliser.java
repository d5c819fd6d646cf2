package io.engram.app.forecast.internal;

import io.engram.api.Payloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-channel affine normalisation {@code z = (x - offset) / scale}, fitted on the training part of a
 * series only: {@code zscore} takes the mean and standard deviation of the training steps,
 * {@code minmax} the minimum and range (so the training part spans [0, 1]), {@code none} the
 * identity. A scale of zero (a constant channel) becomes 1. Kept in checkpoints as the payloads
 * {@code forecast.offset} and {@code forecast.scale}. Immutable.
 *
 * @param kind   {@code zscore}, {@code minmax} or {@code none}
 * @param offset per channel
 * @param scale  per channel, positive
 */
record Normaliser(String kind, double[] offset, double[] scale) {
    static final String OFFSET = "forecast.offset";
    static final String SCALE = "forecast.scale";
    static final String KIND = "forecast.normalisation";

    Normaliser {
        offset = offset.clone();
        scale = scale.clone();
    }

    /** Fitted on rows {@code from .. to - 1} of {@code rows} ({@code [step][channel]}). */
    static Normaliser fit(String kind, double[][] rows, int from, int to) {
        int channels = rows[0].length;
        int n = to - from;
        double[] offset = new double[channels];
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = from; t < to; t++) {
                sum += rows[t][c];
                min = Math.min(min, rows[t][c]);
                max = Math.max(max, rows[t][c]);
            }
            double mean = sum / n;
            double sq = 0;
            for (int t = from; t < to; t++) {
                sq += (rows[t][c] - mean) * (rows[t][c] - mean);
            }
            switch (kind) {
                case "zscore" -> {
                    offset[c] = mean;
                    scale[c] = Math.sqrt(sq / n);
                }
                case "minmax" -> {
                    offset[c] = min;
                    scale[c] = max - min;
                }
                default -> {
                    offset[c] = 0;
                    scale[c] = 1;
                }
            }
            if (!(scale[c] > 0)) {
                scale[c] = 1;
            }
        }
        return new Normaliser(kind, offset, scale);
    }

    double apply(double x, int c) {
        return (x - offset[c]) / scale[c];
    }

    double invert(double z, int c) {
        return z * scale[c] + offset[c];
    }

    int channels() {
        return offset.length;
    }

    Payloads payloads() {
        return new Payloads(Map.of(), Map.of(OFFSET, boxed(offset), SCALE, boxed(scale)), Map.of(KIND, List.of(kind)));
    }

    /** The normaliser kept in {@code p}, or an {@link IllegalArgumentException} naming what is missing. */
    static Normaliser of(Payloads p, int channels) {
        List<Double> o = p.numbers(OFFSET).orElseThrow(() -> missing(OFFSET));
        List<Double> s = p.numbers(SCALE).orElseThrow(() -> missing(SCALE));
        if (o.size() != channels || s.size() != channels) {
            throw new IllegalArgumentException("the checkpoint's " + OFFSET + " and " + SCALE + " hold " + o.size()
                    + " and " + s.size() + " channels; data.columns names " + channels);
        }
        String kind = p.strings(KIND).map(l -> l.get(0)).orElse("zscore");
        return new Normaliser(kind, o.stream().mapToDouble(Double::doubleValue).toArray(),
                s.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("the checkpoint has no payload " + name + " (the normalisation of its training data)");
    }

    private static List<Double> boxed(double[] a) {
        List<Double> out = new ArrayList<>();
        Arrays.stream(a).forEach(out::add);
        return out;
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }
}
