package io.engram.store.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.kernel.ModelRegistry;
import io.engram.store.ModelStore;
import io.engram.store.ModelVersion;
import java.io.InputStream;
import java.util.Map;
import io.engram.store.StoredModel;
import io.engram.train.CheckpointFile;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The model store and registry on the local file system: versions by name ({@link Versions}, the
 * layout {@code NAME/VERSION/model.ckpt} with its {@code model.json}), aliases, and the plain
 * checkpoint files kept in the directory before, read with {@link CheckpointFile}. It is also the
 * kernel's {@link ModelRegistry}, so jobs register their final checkpoints here. The
 * directory is {@code models.dir}, or else the sibling {@code models} of the kernel's
 * {@code data.dir}: the same place a job spec's relative {@code checkpoint} path lands in. Built once
 * per configuration; stateless beyond the directory, and thread-safe.
 */
@Component(service = {ModelStore.class, ModelRegistry.class}, configurationPid = "io.engram.kernel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FileModelStore implements ModelStore {

    private final Path directory;
    private final Versions versions;

    @Activate
    public FileModelStore(ModelStoreConfiguration config) {
        this(config.models_dir().isBlank()
                ? sibling(Paths.get(config.data_dir()).toAbsolutePath().normalize())
                : Paths.get(config.models_dir()).toAbsolutePath().normalize());
    }

    public FileModelStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.versions = new Versions(this.directory);
    }

    private static Path sibling(Path dataDir) {
        Path parent = dataDir.getParent();
        return (parent == null ? dataDir : parent).resolve("models");
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public List<StoredModel> models() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !hidden(directory.relativize(p)) && !registered(directory.relativize(p)))
                    .sorted(Comparator.comparing(p -> name(directory.relativize(p))))
                    .map(this::stored)
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    @Override
    public Try<StoredModel> describe(String name) {
        return locate(name).flatMap(p -> Files.isRegularFile(p) ? Try.success(stored(p))
                : Try.failure(new NoSuchFileException(name, null, "no such model in " + directory)));
    }

    @Override
    public Try<StoredModel> delete(String name) {
        return describe(name).flatMap(m -> Try.of(() -> {
            Files.delete(Paths.get(m.path()));
            return m;
        }));
    }

    @Override
    public List<ModelVersion> versions() {
        return versions.names().stream().flatMap(n -> versions.versions(n).stream())
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public List<ModelVersion> versions(String name) {
        return versions.versions(name);
    }

    @Override
    public Try<ModelVersion> version(String reference) {
        return versions.resolve(reference);
    }

    @Override
    public Try<ModelVersion> verify(String reference) {
        return versions.resolve(reference).flatMap(v -> Try.of(() -> {
            String now = AtomicFiles.sha256(Paths.get(v.checkpoint()));
            if (!now.equals(v.sha256())) {
                throw new IOException(v.reference() + ": the checkpoint's SHA-256 is " + now + ", it was registered "
                        + "with " + v.sha256() + " (" + v.checkpoint() + " changed)");
            }
            return v;
        }));
    }

    @Override
    public Try<ModelVersion> delete(String name, int version) {
        return versions.delete(name, version);
    }

    @Override
    public Try<ModelVersion> upload(String name, InputStream data, long limit) {
        return versions.upload(name, data, limit);
    }

    @Override
    public Try<Registered> register(String name, Path checkpoint, String job, Map<String, Double> metrics) {
        return versions.register(name, checkpoint, "job " + job, metrics).map(FileModelStore::registered);
    }

    @Override
    public Try<Path> resolve(String reference) {
        return versions.resolve(reference).map(v -> Paths.get(v.checkpoint()));
    }

    @Override
    public Try<Registered> alias(String reference, String alias) {
        return versions.alias(reference, alias).map(FileModelStore::registered);
    }

    @Override
    public Try<Path> checkpoint(String reference) {
        if (reference == null || reference.isBlank()) {
            return Try.failure(new IllegalArgumentException("a model or checkpoint file is required"));
        }
        Try<Path> registered = Names.parse(reference).isSuccess() ? resolve(reference) : Try.failure(
                new IllegalArgumentException(reference));
        if (registered.isSuccess() || reference.contains("@")) {
            return registered;
        }
        Path given = Paths.get(reference);
        if (Files.isRegularFile(given)) {
            return Try.success(given.toAbsolutePath().normalize());
        }
        return locate(reference).filter(Files::isRegularFile).recoverWith(e -> Try.failure(new NoSuchFileException(
                reference, null, "no model '" + reference + "' in " + directory + " and no such file")));
    }

    private static Registered registered(ModelVersion v) {
        return new Registered(v.name(), v.version(), Paths.get(v.checkpoint()));
    }

    /** Whether a relative path lies in the versioned layout: {@code NAME/VERSION/...} or {@code NAME/aliases.json}. */
    private static boolean registered(Path relative) {
        return relative.getNameCount() == 3 && relative.getName(1).toString().matches("[1-9][0-9]*")
                || relative.getNameCount() == 2 && relative.getName(1).toString().equals(Versions.ALIASES);
    }

    private Try<Path> locate(String name) {
        if (name == null || name.isBlank()) {
            return Try.failure(new IllegalArgumentException("a model name is required"));
        }
        Path rel = Paths.get(name);
        Path p = directory.resolve(rel).normalize();
        if (rel.isAbsolute() || !p.startsWith(directory) || p.equals(directory) || hidden(directory.relativize(p))) {
            return Try.failure(new IllegalArgumentException("'" + name + "' is not a model name: it must be a "
                    + "relative path inside " + directory));
        }
        return Try.success(p);
    }

    private StoredModel stored(Path p) {
        String name = name(directory.relativize(p));
        long bytes;
        String modified;
        try {
            bytes = Files.size(p);
            modified = Files.getLastModifiedTime(p).toInstant().toString();
        } catch (IOException e) {
            return new StoredModel(name, p.toString(), 0, "", null, "cannot read: " + e.getMessage());
        }
        Try<CheckpointMetadata> meta = CheckpointFile.readMetadata(p);
        return meta.isSuccess() ? new StoredModel(name, p.toString(), bytes, modified, meta.get(), "")
                : new StoredModel(name, p.toString(), bytes, modified, null, message(meta.getCause()));
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String name(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
