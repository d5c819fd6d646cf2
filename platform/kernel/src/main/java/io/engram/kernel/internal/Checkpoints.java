package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the kernel writes and reads checkpoint files; {@link TrainCheckpoints} delegates to the
 * documented format of {@code io.engram.train.CheckpointFile}. Implementations are thread-safe.
 */
public interface Checkpoints {

    /** Writes to a temporary file and renames it over {@code file}. */
    void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors) throws IOException;

    /**
     * Writes a checkpoint with payloads and, unless {@code state} is null, the trainer's state; the
     * default drops both.
     */
    default void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors, Payloads payloads,
                       TrainerState state) throws IOException {
        write(file, metadata, tensors);
    }

    Try<CheckpointMetadata> readMetadata(Path file);

    /**
     * Whether a job can resume from {@code file}: it reads and holds a trainer state. The default
     * says no.
     */
    default Try<Boolean> resumable(Path file) {
        return Try.success(false);
    }

    /**
     * The metadata and the tensors, in file order, created through {@code ops}. A file that is
     * damaged, declares impossible sizes or holds NaN or infinite weights fails with an
     * {@code IOException} naming the byte offset.
     */
    Try<Loaded> read(Path file, Ops ops);

    /**
     * A checkpoint as read.
     *
     * @param offsets      the byte offset of each tensor's entry in the file, for messages; empty when unknown
     * @param payloads     the payloads of the network and the application
     * @param trainerState the trainer's state, when the job that wrote it can resume from it
     */
    record Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets,
                  Payloads payloads, Optional<TrainerState> trainerState) {

        public Loaded {
            offsets = Map.copyOf(offsets);
        }

        /** A checkpoint with no payloads and no trainer state. */
        public Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets) {
            this(metadata, tensors, offsets, Payloads.empty(), Optional.empty());
        }

        /** A checkpoint whose tensor offsets are unknown. */
        public Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors) {
            this(metadata, tensors, Map.of());
        }
    }
}
