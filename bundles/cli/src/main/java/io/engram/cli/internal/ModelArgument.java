package io.engram.cli.internal;

import io.engram.store.ModelStore;
import io.vavr.control.Try;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A verb's CHECKPOINT argument: an existing file, or a registered model ({@code NAME},
 * {@code NAME@VERSION}, {@code NAME@ALIAS}) that the model store resolves to its checkpoint. Without
 * a store, only files. Stateless and thread-safe.
 */
final class ModelArgument {

    private ModelArgument() {
    }

    /** The checkpoint file {@code given} names, or why none, naming the model, version or alias. */
    static Try<Path> resolve(ModelStore store, String given) {
        Path p = Path.of(given);
        if (store == null || Files.isRegularFile(p)) {
            return Try.success(p);
        }
        return store.checkpoint(given);
    }
}
