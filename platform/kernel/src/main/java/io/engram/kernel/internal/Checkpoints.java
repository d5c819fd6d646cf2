package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the kernel writes and reads checkpoint files; {@link TrainCheckpoints} delegates to the
 * documented format of {@code io.engram.train.CheckpointFile}. Implementations are thread-safe.
 */
public interface Checkpoints {

    /** Writes to a temporary file and renames it over {@code file}. */
    void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors) throws IOException;

    Try<CheckpointMetadata> readMetadata(Path file);

    /**
     * The metadata and the tensors, in file order, created through {@code ops}. A file that is
     * damaged, declares impossible sizes or holds NaN or infinite weights fails with an
     * {@code IOException} naming the byte offset.
     */
    Try<Loaded> read(Path file, Ops ops);

    /**
     * A checkpoint as read.
     *
     * @param offsets the byte offset of each tensor's entry in the file, for messages; empty when unknown
     */
    record Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors, Map<String, Long> offsets) {

        public Loaded {
            offsets = Map.copyOf(offsets);
        }

        /** A checkpoint whose tensor offsets are unknown. */
        public Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors) {
            this(metadata, tensors, Map.of());
        }
    }
}
