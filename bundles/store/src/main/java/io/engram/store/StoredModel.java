package io.engram.store;

import io.engram.api.CheckpointMetadata;
import java.util.Objects;

/**
 * One checkpoint file in the model store.
 *
 * @param name        path relative to the store's directory, with {@code /} separators
 * @param path        absolute path of the file
 * @param bytes       file size
 * @param modifiedAt  last modification, ISO-8601 instant
 * @param metadata    what the checkpoint says about itself, or null when it cannot be read
 * @param problem     why it cannot be read (naming the byte or field), or empty
 */
public record StoredModel(String name, String path, long bytes, String modifiedAt, CheckpointMetadata metadata,
                          String problem) {

    public StoredModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(problem, "problem");
    }

    /** True when the file is a readable checkpoint. */
    public boolean readable() {
        return metadata != null;
    }
}
