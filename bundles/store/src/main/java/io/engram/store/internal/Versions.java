package io.engram.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.CheckpointMetadata;
import io.engram.store.ModelVersion;
import io.engram.train.CheckpointFile;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The versioned layout of the model directory ({@code NAME/VERSION/model.ckpt}, its
 * {@code model.json}, {@code NAME/aliases.json}). A version number is taken by creating its
 * directory, which succeeds for one caller only, across processes too; the checkpoint is moved or
 * copied in under a temporary name and renamed; the metadata file is written last, and a version is
 * complete, and listed, once it is there. Alias changes are serialised within the process and each
 * written whole. Thread-safe.
 */
final class Versions {

    static final String CHECKPOINT = "model.ckpt";
    static final String METADATA = "model.json";
    static final String ALIASES = "aliases.json";

    private final Path directory;
    private final Object aliasLock = new Object();

    Versions(Path directory) {
        this.directory = directory;
    }

    /** Registers a checkpoint file as the next version, moving it in (copying when it cannot be moved). */
    Try<ModelVersion> register(String name, Path checkpoint, String source, Map<String, Double> metrics) {
        return Names.name(name).flatMap(n -> CheckpointFile.readMetadata(checkpoint).flatMap(meta -> Try.of(() -> {
                    Path dir = reserve(n);
                    Path target = dir.resolve(CHECKPOINT);
                    try {
                        Path tmp = AtomicFiles.temp(target);
                        try {
                            try {
                                AtomicFiles.rename(checkpoint, tmp);
                            } catch (IOException e) {
                                Files.copy(checkpoint, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            }
                            AtomicFiles.rename(tmp, target);
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                        return complete(n, dir, source, meta, metrics);
                    } catch (IOException | RuntimeException e) {
                        clear(dir);
                        throw e;
                    }
                })));
    }

    /** Registers an upload: copied into a temporary file, checked whole as a checkpoint, then made a version. */
    Try<ModelVersion> upload(String name, InputStream data, long limit) {
        return Names.name(name).flatMap(n -> Try.of(() -> {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".upload-", ".ckpt");
            try {
                AtomicFiles.copyTo(data, tmp, limit);
                Try<?> read = CheckpointFile.read(tmp, null);
                if (read.isFailure()) {
                    throw new IllegalArgumentException("not a valid checkpoint: " + message(read.getCause())
                            .replace("checkpoint " + tmp + ": ", "").replace(tmp.toString(), "the upload"), read.getCause());
                }
                return register(n, tmp, "upload", Map.of()).get();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }));
    }

    private ModelVersion complete(String name, Path dir, String source, CheckpointMetadata meta,
                                  Map<String, Double> metrics) throws IOException {
        Path target = dir.resolve(CHECKPOINT);
        int version = Integer.parseInt(dir.getFileName().toString());
        ObjectNode doc = ModelJson.write(name, version, Files.size(target), AtomicFiles.sha256(target),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), source, meta, metrics);
        AtomicFiles.write(dir.resolve(METADATA), ModelJson.MAPPER.writeValueAsBytes(doc));
        return ModelJson.read(dir.resolve(METADATA), target, List.of());
    }

    /** Creates the directory of the next free version of {@code name}. */
    private Path reserve(String name) throws IOException {
        Path model = directory.resolve(name);
        Files.createDirectories(model);
        int next = numbers(model).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        while (true) {
            try {
                return Files.createDirectory(model.resolve(Integer.toString(next)));
            } catch (FileAlreadyExistsException taken) {
                next++;
            }
        }
    }

    /** The names of the models with at least one complete version, sorted. */
    List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (Names.valid(n) && !n.startsWith(".") && !versions(n).isEmpty()) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The complete versions of one model, oldest first. */
    List<ModelVersion> versions(String name) {
        if (!Names.valid(name) || !Files.isDirectory(directory.resolve(name))) {
            return List.of();
        }
        Path model = directory.resolve(name);
        Map<Integer, List<String>> aliases = byVersion(aliases(name));
        List<ModelVersion> out = new ArrayList<>();
        for (int v : numbers(model)) {
            Path dir = model.resolve(Integer.toString(v));
            if (Files.isRegularFile(dir.resolve(METADATA)) && Files.isRegularFile(dir.resolve(CHECKPOINT))) {
                try {
                    out.add(ModelJson.read(dir.resolve(METADATA), dir.resolve(CHECKPOINT),
                            aliases.getOrDefault(v, List.of())));
                } catch (IOException e) {
                    System.getLogger(Versions.class.getName()).log(System.Logger.Level.WARNING,
                            "skipping " + dir + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** The version a reference names. */
    Try<ModelVersion> resolve(String reference) {
        return Names.parse(reference).flatMap(ref -> {
            List<ModelVersion> all = versions(ref.name());
            if (all.isEmpty()) {
                return Try.failure(new NoSuchFileException(ref.name(), null, "no model '" + ref.name()
                        + "' in " + directory));
            }
            if (ref.latest()) {
                return Try.success(all.get(all.size() - 1));
            }
            int wanted = ref.version() > 0 ? ref.version() : aliases(ref.name()).getOrDefault(ref.alias(), 0);
            if (wanted == 0) {
                return Try.failure(new NoSuchFileException(reference, null, "model '" + ref.name()
                        + "' has no alias '" + ref.alias() + "' (aliases: " + aliasList(ref.name()) + ")"));
            }
            return all.stream().filter(v -> v.version() == wanted).findFirst().map(Try::success)
                    .orElseGet(() -> Try.failure(new NoSuchFileException(reference, null, "model '" + ref.name()
                            + "' has no version " + wanted + " (versions: " + all.stream()
                            .map(v -> Integer.toString(v.version())).reduce((a, b) -> a + ", " + b).orElse("") + ")")));
        });
    }

    /** Points an alias at the version {@code reference} names. */
    Try<ModelVersion> alias(String reference, String alias) {
        return Names.alias(alias).flatMap(a -> resolve(reference).flatMap(v -> Try.of(() -> {
            synchronized (aliasLock) {
                Map<String, Integer> all = new TreeMap<>(aliases(v.name()));
                all.put(a, v.version());
                writeAliases(v.name(), all);
            }
            return resolve(v.reference()).get();
        })));
    }

    /** Deletes one version and the aliases that named it. */
    Try<ModelVersion> delete(String name, int version) {
        return resolve(name + "@" + version).flatMap(v -> Try.of(() -> {
            synchronized (aliasLock) {
                Map<String, Integer> all = new TreeMap<>(aliases(name));
                if (all.values().removeIf(n -> n == version)) {
                    writeAliases(name, all);
                }
            }
            Path dir = directory.resolve(name).resolve(Integer.toString(version));
            Files.delete(dir.resolve(METADATA));
            clear(dir);
            return v;
        }));
    }

    /** The aliases of a model, by alias; empty when it has none or the file is unreadable. */
    Map<String, Integer> aliases(String name) {
        Path file = directory.resolve(name).resolve(ALIASES);
        Map<String, Integer> out = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            JsonNode n = ModelJson.MAPPER.readTree(file.toFile());
            n.fields().forEachRemaining(e -> {
                if (e.getValue().canConvertToInt() && e.getValue().asInt() > 0) {
                    out.put(e.getKey(), e.getValue().asInt());
                }
            });
        } catch (IOException e) {
            System.getLogger(Versions.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }

    private void writeAliases(String name, Map<String, Integer> aliases) throws IOException {
        ObjectNode n = ModelJson.MAPPER.createObjectNode();
        aliases.forEach(n::put);
        AtomicFiles.write(directory.resolve(name).resolve(ALIASES), ModelJson.MAPPER.writeValueAsBytes(n));
    }

    private String aliasList(String name) {
        Map<String, Integer> a = aliases(name);
        return a.isEmpty() ? "none" : String.join(", ", a.keySet());
    }

    private static Map<Integer, List<String>> byVersion(Map<String, Integer> aliases) {
        Map<Integer, List<String>> out = new TreeMap<>();
        aliases.forEach((a, v) -> out.computeIfAbsent(v, k -> new ArrayList<>()).add(a));
        return out;
    }

    /** The version numbers that have a directory under {@code model}, ascending. */
    private static List<Integer> numbers(Path model) {
        try (Stream<Path> dirs = Files.list(model)) {
            return dirs.map(p -> p.getFileName().toString()).filter(s -> s.matches("[1-9][0-9]{0,8}"))
                    .map(Integer::parseInt).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + model, e);
        }
    }

    /** Deletes a version's directory and what is in it. */
    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
