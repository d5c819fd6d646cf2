package io.engram.app.actionrecognition.internal;

import io.engram.api.Dataset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What {@code evaluate} needs besides the encoded sequences, attached to each dataset the
 * application loads ({@link Dataset#withContext}): the action names in output order, the baseline
 * fitted on the training sequences, and, on the test set only, the path prefix of the confusion
 * matrix files to write (empty: none). Immutable.
 */
record ActionInfo(List<String> classes, PoseStatistics baseline, String report) {
    ActionInfo {
        classes = List.copyOf(classes);
    }

    static Optional<ActionInfo> of(Dataset data) {
        return data.context(ActionInfo.class);
    }

    /** Names {@code class1..K} and no baseline, for data this application did not load. */
    static ActionInfo unnamed(int outputs) {
        return new ActionInfo(IntStream.rangeClosed(1, outputs).mapToObj(k -> "class" + k).toList(), null, "");
    }

    ActionInfo reporting(String prefix) {
        return new ActionInfo(classes, baseline, prefix);
    }
}
