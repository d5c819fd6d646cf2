package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@link Checkpoints} in the format of {@link CheckpointFile}. Stateless and thread-safe. */
public final class TrainCheckpoints implements Checkpoints {

    /** The format version written. */
    public static final int FORMAT_VERSION = CheckpointFile.FORMAT_VERSION;

    /** The class that defines the format, whose bundle takes part in every checkpoint. */
    static Class<?> formatClass() {
        return CheckpointFile.class;
    }

    @Override
    public void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors) throws IOException {
        CheckpointFile.write(file, metadata, tensors);
    }

    @Override
    public void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors, Payloads payloads,
                      TrainerState state) throws IOException {
        CheckpointFile.write(file, metadata, tensors, payloads, state);
    }

    @Override
    public Try<Boolean> resumable(Path file) {
        return CheckpointFile.read(file, null).map(c -> c.trainerState().isPresent());
    }

    @Override
    public Try<CheckpointMetadata> readMetadata(Path file) {
        return CheckpointFile.readMetadata(file);
    }

    @Override
    public Try<Loaded> read(Path file, Ops ops) {
        return CheckpointFile.read(file, ops).map(c -> new Loaded(c.metadata(), c.tensors(), c.offsets(), c.payloads(),
                c.trainerState()));
    }
}
