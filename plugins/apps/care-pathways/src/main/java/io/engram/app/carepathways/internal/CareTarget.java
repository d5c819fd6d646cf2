package io.engram.app.carepathways.internal;

import java.util.Arrays;
import java.util.List;

/** What the network predicts after each visit (Choi et al. 2016, sec. 2): one target per job. Immutable. */
enum CareTarget {
    /** The codes of the next visit: one sigmoid output per code. */
    CODES("codes", "sigmoid-bce"),
    /** The time until the next visit: log(1 + days / the training records' mean interval). */
    INTERVAL("interval", "mse");

    final String id;
    final String loss;

    CareTarget(String id, String loss) {
        this.id = id;
        this.loss = loss;
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(t -> t.id).toList();
    }

    static CareTarget of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target " + id));
    }
}
