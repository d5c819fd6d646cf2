package io.engram.app.proteinhomology.internal;

import io.engram.api.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * What {@code evaluate} needs to know of a dataset besides its encoded sequences: the family names in
 * output order and whether the outputs are one-vs-rest scores. The application attaches it to every
 * dataset it loads ({@link Dataset#withContext}), and it follows the sequences into the sets a
 * trainer derives. Immutable.
 *
 * @param families  the family names, in output order
 * @param oneVsRest whether each output is a member/non-member score of its own (else: softmax logits)
 */
record TaskInfo(List<String> families, boolean oneVsRest) {

    TaskInfo {
        families = List.copyOf(families);
    }

    /** The information attached to {@code data}, if any. */
    static Optional<TaskInfo> of(Dataset data) {
        return data.context(TaskInfo.class);
    }

    /** Names {@code family1..K} and softmax outputs, for data this application did not load. */
    static TaskInfo unnamed(int outputs) {
        return new TaskInfo(java.util.stream.IntStream.rangeClosed(1, outputs).mapToObj(k -> "family" + k).toList(),
                false);
    }
}
