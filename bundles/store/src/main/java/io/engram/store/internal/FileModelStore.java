package io.engram.store.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.store.ModelStore;
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
 * The model store on the local file system, reading checkpoints with {@link CheckpointFile}. The
 * directory is {@code models.dir}, or else the sibling {@code models} of the kernel's
 * {@code data.dir}: the same place a job spec's relative {@code checkpoint} path lands in. Built once
 * per configuration; stateless beyond the directory, and thread-safe.
 */
@Component(service = ModelStore.class, configurationPid = "io.engram.kernel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FileModelStore implements ModelStore {

    private final Path directory;

    @Activate
    public FileModelStore(ModelStoreConfiguration config) {
        this(config.models_dir().isBlank()
                ? sibling(Paths.get(config.data_dir()).toAbsolutePath().normalize())
                : Paths.get(config.models_dir()).toAbsolutePath().normalize());
    }

    public FileModelStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
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
                    .filter(p -> !hidden(directory.relativize(p)))
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
