package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps written checkpoints in memory (and touches the file), for job manager tests. */
final class FakeCheckpoints implements Checkpoints {

    final Map<Path, Checkpoints.Loaded> written = new ConcurrentHashMap<>();

    @Override
    public void write(Path file, CheckpointMetadata metadata, Map<String, Tensor> tensors) throws IOException {
        Files.writeString(file, metadata.familyBundle());
        written.put(file, new Checkpoints.Loaded(metadata, Map.copyOf(tensors)));
    }

    @Override
    public Try<CheckpointMetadata> readMetadata(Path file) {
        Checkpoints.Loaded c = written.get(file);
        return c == null ? Try.failure(new IOException(file + ": no such checkpoint")) : Try.success(c.metadata());
    }

    @Override
    public Try<Checkpoints.Loaded> read(Path file, Ops ops) {
        Checkpoints.Loaded c = written.get(file);
        return c == null ? Try.failure(new IOException(file + ": no such checkpoint")) : Try.success(c);
    }
}
