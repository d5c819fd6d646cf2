package io.engram.app.handwriting.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two baselines the network is judged beside, both reading whole samples. {@code frequent}:
 * every sample transcribed as the training set's most frequent transcript (ties: the first in
 * code-point order), what a recogniser that ignores the ink reaches. {@code dtw}: every sample
 * transcribed as its nearest training sample's transcript (1-nearest neighbour), the distance being
 * dynamic time warping (Sakoe and Chiba 1978) over the normalised points of {@link PenFeatures#points}
 * with the Euclidean distance between points plus 1 where one point starts a stroke and the other
 * does not, divided by the two lengths' sum; it can only ever answer a transcript seen in training.
 * Metrics: {@code baseline.frequent.char.error.rate}, {@code baseline.frequent.word.error.rate} and
 * the same for {@code dtw}, as {@link EditDistance#rates}. Stateless and thread-safe.
 */
final class Baselines {
    private Baselines() {
    }

    /** The transcript the frequent baseline answers: the most frequent of {@code labels}, "" when none. */
    static String frequent(List<String> labels) {
        Map<String, Integer> counts = new TreeMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        String best = "";
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /**
     * The baselines' metrics on a set: {@code points} and {@code references} of its samples, beside
     * the training samples' {@code trainPoints} and {@code trainLabels}; {@code dtw} false leaves the
     * DTW baseline out.
     */
    static Map<String, Double> of(List<double[][]> points, List<String> references, List<double[][]> trainPoints,
                                  List<String> trainLabels, boolean dtw) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (references.isEmpty()) {
            return out;
        }
        String frequent = frequent(trainLabels);
        List<String> constant = new ArrayList<>();
        references.forEach(r -> constant.add(frequent));
        double[] f = EditDistance.rates(constant, references);
        out.put("baseline.frequent.char.error.rate", f[0]);
        out.put("baseline.frequent.word.error.rate", f[1]);
        if (dtw && !trainPoints.isEmpty()) {
            List<String> nearest = new ArrayList<>();
            for (double[][] p : points) {
                double best = Double.POSITIVE_INFINITY;
                String label = "";
                for (int j = 0; j < trainPoints.size(); j++) {
                    double d = distance(p, trainPoints.get(j), best);
                    if (d < best) {
                        best = d;
                        label = trainLabels.get(j);
                    }
                }
                nearest.add(label);
            }
            double[] d = EditDistance.rates(nearest, references);
            out.put("baseline.dtw.char.error.rate", d[0]);
            out.put("baseline.dtw.word.error.rate", d[1]);
        }
        return out;
    }

    /**
     * The DTW distance between {@code a} and {@code b} ({@code [x, y, up]} rows), divided by
     * {@code |a| + |b|}; stops early with +inf once every cell of a row exceeds {@code bound}.
     */
    static double distance(double[][] a, double[][] b, double bound) {
        int m = b.length;
        double limit = bound * (a.length + m);
        double[] previous = new double[m + 1];
        double[] current = new double[m + 1];
        java.util.Arrays.fill(previous, Double.POSITIVE_INFINITY);
        previous[0] = 0;
        for (int i = 1; i <= a.length; i++) {
            current[0] = Double.POSITIVE_INFINITY;
            double rowMin = Double.POSITIVE_INFINITY;
            double[] p = a[i - 1];
            for (int j = 1; j <= m; j++) {
                double[] q = b[j - 1];
                double cost = Math.hypot(p[0] - q[0], p[1] - q[1]) + Math.abs(p[2] - q[2]);
                double v = cost + Math.min(previous[j - 1], Math.min(previous[j], current[j - 1]));
                current[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return Double.POSITIVE_INFINITY;
            }
            double[] t = previous;
            previous = current;
            current = t;
        }
        return previous[m] / (a.length + m);
    }
}
