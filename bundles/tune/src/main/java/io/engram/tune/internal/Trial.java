package io.engram.tune.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One trial of a search: its drawn values, the spec submitted, its job and what became of it.
 * Mutable; confined to the thread that runs the search.
 */
final class Trial {

    /** What became of a trial. */
    enum Status { WAITING, RUNNING, DONE, PRUNED, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final int number;
    final Map<String, String> values;
    final Map<String, String> spec;
    String job = "";
    Status status = Status.WAITING;
    /** The metric at each rung reached, in rung order. */
    final List<Double> rungValues = new ArrayList<>();
    /** Rungs passed (asha). */
    int promoted;
    /** Epochs of the rung where the trial was stopped; 0 when it was not. */
    int stoppedAt;
    /** Epochs completed by its job. */
    int epochs;
    /** The objective: the final metric, or the value at the rung where it was stopped; NaN when unknown. */
    double metric = Double.NaN;
    /** Why it failed, or empty. */
    String error = "";
    /** Whether its record is final. */
    boolean ended;

    Trial(int number, Map<String, String> values, Map<String, String> spec) {
        this.number = number;
        this.values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        this.spec = spec;
    }
}
