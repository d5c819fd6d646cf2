package io.engram.store;

import io.engram.kernel.ModelRegistry;
import io.vavr.control.Try;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trained models kept on disk under {@link #directory()}, by name and version:
 * <pre>
 * NAME/VERSION/model.ckpt   the checkpoint, never overwritten
 * NAME/VERSION/model.json   its metadata: spec, final metrics, provenance, SHA-256 (written last)
 * NAME/aliases.json         aliases, such as production, each naming a version
 * </pre>
 * A job's final checkpoint becomes version N+1 of its model ({@link #register}); a reference is
 * {@code NAME@VERSION}, {@code NAME@ALIAS} or {@code NAME} for the latest version. Every file is
 * written to a temporary name and renamed; a version whose metadata is missing (its registration
 * was cut short) is not listed. Checkpoint files kept directly in the directory by earlier versions
 * are still listed by {@link #models()} and accepted by {@link #checkpoint}.
 *
 * <p>Names and aliases are 1 to 128 letters, digits, {@code .}, {@code _} and {@code -}, starting
 * with a letter or digit; an alias is not all digits. Thread-safe; every call reads the disk
 * afresh, and versions are reserved by creating their directory, so two processes never take the
 * same number.
 */
@ProviderType
public interface ModelStore extends ModelRegistry {

    /** Where the models are kept. */
    Path directory();

    /** Every checkpoint file under the directory, sorted by path; files that are not readable checkpoints say why. */
    List<StoredModel> models();

    /** One checkpoint file by its path relative to the directory; fails when refused or missing. */
    Try<StoredModel> describe(String name);

    /** Deletes one checkpoint file by its relative path; fails as {@link #describe} does. */
    Try<StoredModel> delete(String name);

    /** Every registered version, by name, then version. */
    List<ModelVersion> versions();

    /** The versions of one model, oldest first; empty when there is no such model. */
    List<ModelVersion> versions(String name);

    /** The version a reference names; a failure names the model, version or alias that is missing. */
    Try<ModelVersion> version(String reference);

    /**
     * Reads the version's checkpoint again and compares its SHA-256 with the one registered; fails
     * naming both when they differ.
     */
    Try<ModelVersion> verify(String reference);

    /**
     * Deletes one version, {@code NAME@VERSION} exactly (never a whole model by accident), and the
     * aliases that pointed at it; returns what it was.
     */
    Try<ModelVersion> delete(String name, int version);

    /**
     * Registers an uploaded checkpoint as the next version of {@code name}: at most {@code limit}
     * bytes are read into a temporary file, which must be a complete, readable checkpoint (its
     * checksum, header and every tensor checked); otherwise the failure names the byte or field and
     * nothing is stored.
     */
    Try<ModelVersion> upload(String name, InputStream data, long limit);

    /**
     * The checkpoint file a user means: a registry reference ({@code NAME@VERSION}, {@code NAME@ALIAS},
     * {@code NAME}), else an existing file at that path, else one at that path inside the directory.
     */
    Try<Path> checkpoint(String reference);
}
