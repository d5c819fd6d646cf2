package io.engram.train;

import io.engram.api.CheckpointMetadata;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint as read by {@link CheckpointFile#read}: its metadata, its tensors by name in the
 * order they were written, and the byte offset of each tensor's entry in the file (for messages).
 * Immutable.
 */
public record LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets) {

    public LoadedCheckpoint {
        Objects.requireNonNull(metadata, "metadata");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    /** A checkpoint whose offsets are unknown. */
    public LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors) {
        this(metadata, tensors, Map.of());
    }
}
