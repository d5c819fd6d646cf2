package io.engram.store;

import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trained models kept on disk: every checkpoint file under {@link #directory()} (hidden files,
 * such as checkpoints still being written, are left out). Models are named by their path relative
 * to the directory; a name that is absolute or climbs out of it with {@code ..} is refused.
 * Thread-safe; every call reads the disk afresh.
 */
@ProviderType
public interface ModelStore {

    /** Where the models are kept. */
    Path directory();

    /** Every model, sorted by name; files that are not readable checkpoints say why. */
    List<StoredModel> models();

    /** One model by name; fails when the name is refused or no such file exists. */
    Try<StoredModel> describe(String name);

    /** Deletes one model by name and returns what it was; fails as {@link #describe} does. */
    Try<StoredModel> delete(String name);
}
