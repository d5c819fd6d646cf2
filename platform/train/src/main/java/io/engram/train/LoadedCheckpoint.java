package io.engram.train;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint as read by {@link CheckpointFile#read}: its metadata, the network's tensors by name
 * in the order they were written, the byte offset of each tensor's entry in the file (for
 * messages), the payloads of the network and the application, and the trainer's state when the
 * job that wrote it can resume from it (files before version 3 have neither payloads nor state).
 * Immutable.
 */
public record LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets,
                               Payloads payloads, Optional<TrainerState> trainerState) {

    public LoadedCheckpoint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(payloads, "payloads");
        Objects.requireNonNull(trainerState, "trainerState");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    /** A checkpoint with no payloads and no trainer state. */
    public LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets) {
        this(metadata, tensors, offsets, Payloads.empty(), Optional.empty());
    }

    /** A checkpoint whose offsets are unknown. */
    public LoadedCheckpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors) {
        this(metadata, tensors, Map.of());
    }
}
