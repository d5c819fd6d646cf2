package io.engram.app.proteinhomology.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a set of sequences scored per family: {@code accuracy} (the fraction whose highest
 * score is their own family's), and per family {@code f} with at least one member and one non-member
 * among them {@code auc.f} and {@code roc50.f} (the family's members as positives, every other
 * sequence as negatives, ranked by the family's score; {@link Roc}), and their means over those
 * families, {@code auc} and {@code roc50} (NaN when there is no such family). Stateless.
 */
final class HomologyMetrics {
    static final int ROC_N = 50;

    private HomologyMetrics() {
    }

    /**
     * @param families the family names, in output order
     * @param scores   per sequence, its score for each family
     * @param truth    per sequence, the index of its family
     */
    static Map<String, Double> of(List<String> families, double[][] scores, int[] truth) {
        int hits = 0;
        for (int i = 0; i < scores.length; i++) {
            hits += argmax(scores[i]) == truth[i] ? 1 : 0;
        }
        Map<String, Double> perFamily = new LinkedHashMap<>();
        double aucSum = 0;
        double rocSum = 0;
        int defined = 0;
        for (int k = 0; k < families.size(); k++) {
            double[] s = new double[scores.length];
            boolean[] positive = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                s[i] = scores[i][k];
                positive[i] = truth[i] == k;
            }
            double auc = Roc.auc(s, positive);
            if (Double.isNaN(auc)) {
                continue;
            }
            double roc = Roc.rocN(s, positive, ROC_N);
            perFamily.put("auc." + families.get(k), auc);
            perFamily.put("roc50." + families.get(k), roc);
            aucSum += auc;
            rocSum += roc;
            defined++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", scores.length == 0 ? Double.NaN : hits / (double) scores.length);
        m.put("auc", defined == 0 ? Double.NaN : aucSum / defined);
        m.put("roc50", defined == 0 ? Double.NaN : rocSum / defined);
        m.putAll(perFamily);
        return m;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            best = v[k] > v[best] ? k : best;
        }
        return best;
    }
}
