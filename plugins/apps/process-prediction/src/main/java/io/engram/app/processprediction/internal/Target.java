package io.engram.app.processprediction.internal;

import java.util.Arrays;
import java.util.List;

/**
 * What the network predicts after each event of a case (Tax et al. 2017, sec. 3): one target per job,
 * since a network here has one loss. Immutable.
 */
enum Target {
    /** The next activity, or the end of the case: softmax over the activities and an end class. */
    NEXT_ACTIVITY("next-activity", "softmax-ce"),
    /** The time until the next event: log(1 + days / the training log's mean gap between events). */
    NEXT_TIME("next-time", "mse"),
    /** The time until the case's last event: log(1 + days / the training log's mean case duration). */
    REMAINING_TIME("remaining-time", "mse");

    final String id;
    final String loss;

    Target(String id, String loss) {
        this.id = id;
        this.loss = loss;
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(t -> t.id).toList();
    }

    static Target of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target " + id));
    }

    boolean isTime() {
        return this != NEXT_ACTIVITY;
    }
}
