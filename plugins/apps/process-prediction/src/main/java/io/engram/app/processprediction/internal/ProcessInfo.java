package io.engram.app.processprediction.internal;

import io.engram.api.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * What {@code evaluate} needs besides the encoded sequences, made from the training cases and attached
 * to every dataset the application loads ({@link Dataset#withContext}): the activities in input order
 * (the classes are these and {@value #END}), the target and its unit, and the baselines' tables, each
 * indexed by the last activity seen: its most frequent successor, the mean time to the next event and
 * the mean remaining time (days), all counted on the training cases. Immutable.
 *
 * @param activities    the activities, sorted
 * @param target        what is predicted
 * @param gapDays       the mean gap between consecutive events of the training cases, days
 * @param durationDays  the mean duration of the training cases, days
 * @param successor     per activity, the index of its most frequent successor class
 * @param meanNextDays  per activity, the mean time to the next event, days
 * @param meanRemainingDays per activity, the mean remaining time of the case, days
 */
record ProcessInfo(List<String> activities, Target target, double gapDays, double durationDays, int[] successor,
                   double[] meanNextDays, double[] meanRemainingDays) {
    static final String END = "[end]";

    ProcessInfo {
        activities = List.copyOf(activities);
        successor = successor.clone();
        meanNextDays = meanNextDays.clone();
        meanRemainingDays = meanRemainingDays.clone();
    }

    static Optional<ProcessInfo> of(Dataset data) {
        return data.context(ProcessInfo.class);
    }

    /** The days one unit of the target stands for (1 for the next activity). */
    double targetDays() {
        return switch (target) {
            case NEXT_ACTIVITY -> 1;
            case NEXT_TIME -> gapDays;
            case REMAINING_TIME -> durationDays;
        };
    }

    /** The classes of the next activity: the activities, then {@value #END}. */
    List<String> classes() {
        List<String> c = new java.util.ArrayList<>(activities);
        c.add(END);
        return c;
    }
}
