package io.engram.app.forecast.internal;

import java.util.Arrays;

/**
 * The anomaly threshold chosen on the validation part's scores (a step is anomalous when its score
 * exceeds it), by one of two rules:
 * <ul>
 *   <li>{@code quantile q}: the nearest-rank q-quantile of the validation scores, the
 *   {@code ceil(q n)}-th smallest, so that at most a fraction {@code 1 - q} of validation steps is
 *   flagged;</li>
 *   <li>{@code fbeta}: among the validation scores (each tried as threshold), the one whose flags
 *   have the highest F-beta against the validation labels (Malhotra et al. 2015, section 3: beta =
 *   0.1 favours precision); on a tie the highest such threshold.</li>
 * </ul>
 * Stateless.
 */
final class Thresholds {
    private Thresholds() {
    }

    static double quantile(double[] scores, double q) {
        double[] s = scores.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static double fBeta(double[] scores, boolean[] labels, double beta) {
        double[] candidates = scores.clone();
        Arrays.sort(candidates);
        double best = candidates[candidates.length - 1];
        double bestF = -1;
        for (int i = candidates.length - 1; i >= 0; i--) {
            double f = Detection.of(scores, labels, candidates[i]).fBeta(beta);
            if (f > bestF) {
                bestF = f;
                best = candidates[i];
            }
        }
        return best;
    }
}
