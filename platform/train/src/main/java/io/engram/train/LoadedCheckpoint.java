package io.engram.train;

import io.engram.api.CheckpointMetadata;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint as read by {@link CheckpointFile#read}: its metadata and its tensors by name, in the
 * order they were written.
 */
public record LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors) {

    public LoadedCheckpoint {
        Objects.requireNonNull(metadata, "metadata");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
