package io.engram.app.actionrecognition.internal;

import java.util.List;

/**
 * The baseline: nearest class mean of per-sequence pose statistics. A sequence's statistics are the
 * mean and the standard deviation over its frames of each (standardised) input; a class's centroid
 * is the mean of its training sequences' statistics; a sequence is given the class of the nearest
 * centroid (Euclidean distance, ties to the first class). It sees which poses a sequence holds and
 * how much they vary, but not their order. Immutable.
 *
 * @param centroids per class, its centroid; a class without training sequences has none (null)
 */
record PoseStatistics(double[][] centroids) {

    static double[] of(double[][] x) {
        int w = x[0].length;
        double[] s = new double[2 * w];
        for (double[] row : x) {
            for (int f = 0; f < w; f++) {
                s[f] += row[f] / x.length;
            }
        }
        for (double[] row : x) {
            for (int f = 0; f < w; f++) {
                double d = row[f] - s[f];
                s[w + f] += d * d / x.length;
            }
        }
        for (int f = 0; f < w; f++) {
            s[w + f] = Math.sqrt(s[w + f]);
        }
        return s;
    }

    /** The centroids of {@code inputs}, whose classes are {@code labels}, over {@code classes} classes. */
    static PoseStatistics fit(List<double[][]> inputs, int[] labels, int classes) {
        double[][] c = new double[classes][];
        int[] n = new int[classes];
        for (int i = 0; i < inputs.size(); i++) {
            double[] s = of(inputs.get(i));
            if (c[labels[i]] == null) {
                c[labels[i]] = new double[s.length];
            }
            for (int f = 0; f < s.length; f++) {
                c[labels[i]][f] += s[f];
            }
            n[labels[i]]++;
        }
        for (int k = 0; k < classes; k++) {
            if (c[k] != null) {
                for (int f = 0; f < c[k].length; f++) {
                    c[k][f] /= n[k];
                }
            }
        }
        return new PoseStatistics(c);
    }

    int classify(double[][] x) {
        double[] s = of(x);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centroids.length; k++) {
            if (centroids[k] == null) {
                continue;
            }
            double d = 0;
            for (int f = 0; f < s.length; f++) {
                d += (s[f] - centroids[k][f]) * (s[f] - centroids[k][f]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return Math.max(best, 0);
    }
}
