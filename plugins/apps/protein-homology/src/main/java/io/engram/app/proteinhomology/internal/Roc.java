package io.engram.app.proteinhomology.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Areas under the receiver operating characteristic curve of a ranking: the curve of true positives
 * against false positives as the threshold falls through the scores, from the highest score down.
 *
 * <ul>
 *   <li>{@link #auc}: the whole area, normalised to [0, 1] (the probability that a random positive
 *   scores above a random negative, ties counting one half).</li>
 *   <li>{@link #rocN}: ROC<sub>n</sub> (Gribskov and Robinson 1996, "Use of receiver operating
 *   characteristic (ROC) analysis to evaluate sequence matching", Computers and Chemistry 20:25): the
 *   area up to the n-th false positive, divided by {@code n * positives}, so that 1 means every
 *   positive ranks above the n-th negative. Without ties it is {@code (1 / nT) sum_{i=1..n} t_i},
 *   {@code t_i} the positives scoring above the i-th negative. With fewer than n negatives, n is
 *   the number of negatives (ROC<sub>n</sub> is then the AUC).</li>
 * </ul>
 * Tied scores form one segment of the curve, a straight line from the point before the tie to the
 * point after it (the trapezoid rule), which equals counting each positive-negative tie one half; a
 * segment cut by the n-th false positive is cut along that line. Undefined (NaN) without a positive or
 * without a negative. Stateless.
 */
final class Roc {
    private Roc() {
    }

    /** The area under the whole curve. */
    static double auc(double[] scores, boolean[] positive) {
        return rocN(scores, positive, Integer.MAX_VALUE);
    }

    /** The area up to the {@code n}-th false positive, normalised. */
    static double rocN(double[] scores, boolean[] positive, int n) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int cap = Math.min(n, positive.length - positives);
        if (positives == 0 || cap <= 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double area = 0;
        int tp = 0;
        int fp = 0;
        for (int start = 0; start < order.length && fp < cap; ) {
            int end = start;
            int p = 0;
            int q = 0;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                if (positive[order[end]]) {
                    p++;
                } else {
                    q++;
                }
                end++;
            }
            int taken = Math.min(q, cap - fp);
            area += q == 0 ? 0 : taken * (tp + p * taken / (2.0 * q));
            tp += p;
            fp += q;
            start = end;
        }
        return area / ((double) cap * positives);
    }
}
