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

    /** The metadata and the tensors, in file order, created through {@code ops}. */
    Try<Loaded> read(Path file, Ops ops);

    /** A checkpoint as read. */
    record Loaded(CheckpointMetadata metadata, Map<String, Tensor> tensors) {
    }
}
