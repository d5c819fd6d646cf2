package io.engram.kernel.internal;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.kernel.ModelRegistry;
import io.engram.tensor.Backend;
import io.engram.train.CheckpointFit;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The spec key {@value #KEY}: a job that fine-tunes starts from the parameters of a registered
 * model ({@code name@3}, {@code name@production}, {@code name}) instead of fresh ones. The model must
 * be of the job's family and its tensors must be exactly the parameters of the network the job's
 * spec makes ({@link CheckpointFit}); otherwise the job fails with a message naming {@value #KEY}.
 * Its trainer starts afresh (epoch 1, new optimiser state). Stateless apart from its collaborator;
 * thread-safe.
 */
final class FineTuning {

    /** The spec key. */
    static final String KEY = "init.from";

    private final Checkpoints checkpoints;

    FineTuning(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** The registered model's checkpoint, or why there is none, naming {@value #KEY}. */
    static Try<Path> locate(ModelRegistry registry, String reference) {
        if (registry == null) {
            return Try.failure(new IOException(KEY + ": no model registry is running to resolve '" + reference + "'"));
        }
        return registry.resolve(reference.trim()).recoverWith(e -> Try.failure(new IOException(KEY + ": "
                + Failures.message(e), e)));
    }

    /** The job's network with the model's parameters, or why the model does not fit, naming {@value #KEY}. */
    Try<Network> start(Path file, String reference, NetworkFamily family, ModelSpec spec, Backend backend, long seed) {
        String name = "'" + reference + "' (" + file + ")";
        return checkpoints.read(file, backend.ops()).flatMap(loaded -> {
            if (!loaded.metadata().spec().family().equals(spec.family())) {
                return Try.<Network>failure(new IOException(KEY + ": model " + name + " is of family '"
                        + loaded.metadata().spec().family() + "', the job's is '" + spec.family() + "'"));
            }
            LoadedCheckpoint c = new LoadedCheckpoint(loaded.metadata(), loaded.tensors(), loaded.offsets());
            return CheckpointFit.check(name, c, family.create(spec, backend, seed).parameters())
                    .recoverWith(e -> Try.failure(new IOException(KEY + ": " + e.getMessage(), e)))
                    .flatMap(tensors -> Try.of(() -> family.restore(spec, backend, tensors, loaded.metadata(),
                            loaded.payloads())));
        });
    }
}
