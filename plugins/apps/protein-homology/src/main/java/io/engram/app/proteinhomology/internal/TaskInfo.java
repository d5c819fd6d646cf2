package io.engram.app.proteinhomology.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * What {@code evaluate} needs to know of sequences it is given but that a {@link Dataset} does not
 * carry: the family names in output order and whether the outputs are one-vs-rest scores. The
 * application records it for every sequence it loads; a sequence is a key by identity (its arrays
 * are its own), held weakly, so that the record goes with the sequence. Thread-safe.
 *
 * @param families  the family names, in output order
 * @param oneVsRest whether each output is a member/non-member score of its own (else: softmax logits)
 */
record TaskInfo(List<String> families, boolean oneVsRest) {
    private static final Map<Sequence, TaskInfo> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    TaskInfo {
        families = List.copyOf(families);
    }

    static void remember(Dataset data, TaskInfo info) {
        data.sequences().forEach(s -> KNOWN.put(s, info));
    }

    /** The information recorded for the first sequence of {@code data}, if any. */
    static Optional<TaskInfo> of(Dataset data) {
        return data.size() == 0 ? Optional.empty() : Optional.ofNullable(KNOWN.get(data.get(0)));
    }

    /** Names {@code family1..K} and softmax outputs, for data this application did not load. */
    static TaskInfo unnamed(int outputs) {
        return new TaskInfo(java.util.stream.IntStream.rangeClosed(1, outputs).mapToObj(k -> "family" + k).toList(),
                false);
    }
}
