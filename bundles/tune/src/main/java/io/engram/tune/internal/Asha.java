package io.engram.tune.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs and the promotion rule of asynchronous successive halving (Li et al., "A System for
 * Massively Parallel Hyperparameter Tuning", MLSys 2020, Algorithm 2), in the form Optuna's
 * {@code SuccessiveHalvingPruner} uses when trials cannot be paused: a trial that reaches a rung is
 * compared there at once with the values the rung holds, and goes on only when it is among the best
 * {@code floor(n / eta)} of the {@code n} values (itself included), or is the best of them while
 * {@code n < eta}. Stateless.
 */
public final class Asha {

    private Asha() {
    }

    /**
     * The epochs at which trials are compared: {@code min, min * eta, min * eta^2, ...}, each below
     * {@code max}; a trial that passes the last one runs to {@code max}.
     */
    public static List<Integer> rungs(int min, int max, int eta) {
        List<Integer> rungs = new ArrayList<>();
        for (long r = min; r < max; r *= eta) {
            rungs.add((int) r);
        }
        return List.copyOf(rungs);
    }

    /**
     * Whether a trial with {@code value} at a rung goes on, given the values of every trial compared
     * at that rung so far, {@code value} among them. NaN never goes on.
     */
    public static boolean promotable(double value, List<Double> competing, int eta, TuneOptions.Direction direction) {
        if (Double.isNaN(value)) {
            return false;
        }
        List<Double> sorted = new ArrayList<>(competing);
        sorted.sort(direction::compare);
        int index = Math.max(0, competing.size() / eta - 1);
        return direction.compare(value, sorted.get(index)) <= 0;
    }
}
