package io.engram.kernel.internal;

import io.engram.api.Problem;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps the paths of a job spec inside the installation. An input file (a parameter of type
 * {@link io.engram.api.ParamType#INPUT_FILE}) resolves, when relative, against the directory of the
 * spec file that names it ({@link #input(String, String, Path)}), or against {@link #home()} for a spec
 * that has no file; its
 * real path (every symbolic link followed) must lie inside one of the {@link #roots()}, and it must be
 * a regular file that can be read. A checkpoint resolves, when relative, against the model store
 * {@link #store()}; after removing {@code .} and {@code ..} it must lie inside the store, the real
 * path of its nearest existing ancestor (or of itself, when it exists) must lie inside the store's
 * real path, and it must not be a directory. Nothing is opened or created. Immutable and thread-safe.
 */
public final class Confinement {

    private final Path home;
    private final List<Path> roots;
    private final Path store;
    private final Path outputs;

    /**
     * Confinement to {@code roots} for inputs, {@code store} for checkpoints and the folder
     * {@code outputs} beside the store for what plugins write; paths made absolute.
     */
    public Confinement(Path home, List<Path> roots, Path store) {
        this(home, roots, store, store.toAbsolutePath().normalize().resolveSibling("outputs"));
    }

    /** Confinement to {@code roots} for inputs, {@code store} for checkpoints and {@code outputs} for what plugins write. */
    public Confinement(Path home, List<Path> roots, Path store, Path outputs) {
        this.home = home.toAbsolutePath().normalize();
        this.roots = roots.stream().map(r -> this.home.resolve(r).normalize()).collect(Collectors.toUnmodifiableList());
        this.store = store.toAbsolutePath().normalize();
        this.outputs = outputs.toAbsolutePath().normalize();
    }

    /** The folder plugins' output paths lie in ({@link io.engram.api.ParamType#OUTPUT_PATH}). */
    public Path outputs() {
        return outputs;
    }

    /** The confinement the settings describe (see {@link JobManagerConfiguration}). */
    public static Confinement of(JobManagerConfiguration c) {
        Path data = Paths.get(c.data_dir()).toAbsolutePath().normalize();
        Path dataParent = data.getParent() == null ? data : data.getParent();
        Path home = c.home().isBlank()
                ? (dataParent.getParent() == null ? dataParent : dataParent.getParent())
                : Paths.get(c.home().trim()).toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        for (String r : c.data_roots().split(",")) {
            if (!r.isBlank()) {
                roots.add(Paths.get(r.trim()));
            }
        }
        if (roots.isEmpty()) {
            roots.add(home.resolve("data"));
            roots.add(home.resolve("examples"));
        }
        Path store = c.models_dir().isBlank() ? dataParent.resolve("models") : Paths.get(c.models_dir().trim());
        return new Confinement(home, roots, store);
    }

    public Path home() {
        return home;
    }

    public List<Path> roots() {
        return roots;
    }

    public Path store() {
        return store;
    }

    /** The real path of the input file {@code given}, relative to {@link #home()}, or the problem with it, at {@code key}. */
    public Validation<Problem, Path> input(String key, String given) {
        return input(key, given, home);
    }

    /**
     * The real path of the input file {@code given}, resolved when relative against {@code base} (the
     * spec file's directory), or the problem with it, at {@code key}; a file that does not exist is
     * named with the path it resolved to.
     */
    public Validation<Problem, Path> input(String key, String given, Path base) {
        Path lexical;
        try {
            lexical = base.toAbsolutePath().resolve(given).normalize();
        } catch (InvalidPathException e) {
            return Validation.invalid(Problem.of(key, "expected a file path, got '" + given + "': " + e.getReason()));
        }
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (IOException e) {
            return Validation.invalid(Problem.of(key, inside(lexical, roots) ? "'" + given + "': no such file"
                    + (lexical.toString().equals(given) ? "" : " (" + lexical + ")") : outside(given, lexical)));
        }
        List<Path> realRoots = new ArrayList<>();
        for (Path r : roots) {
            try {
                realRoots.add(r.toRealPath());
            } catch (IOException e) {
                // a root that does not exist holds nothing
            }
        }
        if (!inside(real, realRoots)) {
            return Validation.invalid(Problem.of(key, outside(given, lexical)));
        }
        if (!Files.isRegularFile(real)) {
            return Validation.invalid(Problem.of(key, "'" + given + "' is not a regular file"));
        }
        if (!Files.isReadable(real)) {
            return Validation.invalid(Problem.of(key, "'" + given + "' cannot be read"));
        }
        return Validation.valid(real);
    }

    /** The absolute directory {@code given} (a spec's {@code spec.dir}), or the problem with it, at {@code key}. */
    public static Validation<Problem, Path> directory(String key, String given) {
        try {
            Path p = Paths.get(given);
            if (!p.isAbsolute()) {
                return Validation.invalid(Problem.of(key, "expected an absolute directory, got '" + given + "'"));
            }
            return Validation.valid(p.normalize());
        } catch (InvalidPathException e) {
            return Validation.invalid(Problem.of(key, "expected a directory, got '" + given + "': " + e.getReason()));
        }
    }

    /** Where the checkpoint {@code given} is written, or the problem with it, at {@code key}. */
    public Validation<Problem, Path> output(String key, String given) {
        return inside(key, given, store, "the model store", false);
    }

    /**
     * Where a plugin writes the file or folder {@code given} ({@link io.engram.api.ParamType#OUTPUT_PATH}),
     * resolved when relative against {@link #outputs()}, or the problem with it, at {@code key}.
     */
    public Validation<Problem, Path> written(String key, String given) {
        return inside(key, given, outputs, "the output folder", true);
    }

    /** {@code given} resolved inside {@code store}, which a directory may name only when {@code folders}. */
    private static Validation<Problem, Path> inside(String key, String given, Path store, String name,
                                                    boolean folders) {
        Path target;
        try {
            Path p = Paths.get(given);
            if (given.isEmpty() || given.endsWith("/") || p.getFileName() == null) {
                return Validation.invalid(Problem.of(key, "expected a file path, got '" + given + "'"));
            }
            target = store.resolve(p).normalize();
        } catch (InvalidPathException e) {
            return Validation.invalid(Problem.of(key, "expected a file path, got '" + given + "': " + e.getReason()));
        }
        String where = "is outside " + name + " (" + store + ")";
        if (!target.startsWith(store) || target.equals(store)) {
            return Validation.invalid(Problem.of(key, "'" + given + "' " + where));
        }
        try {
            if (!real(target).startsWith(real(store))) {
                return Validation.invalid(Problem.of(key, "'" + given + "' " + where + " once links are followed"));
            }
        } catch (IOException e) {
            return Validation.invalid(Problem.of(key, "'" + given + "' cannot be resolved: " + e.getClass().getSimpleName()));
        }
        if (!folders && Files.isDirectory(target)) {
            return Validation.invalid(Problem.of(key, "'" + given + "' is a directory"));
        }
        return Validation.valid(target);
    }

    /** The real path of the nearest existing ancestor of {@code p} (or of {@code p}), with the rest appended. */
    private static Path real(Path p) throws IOException {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        return existing.toRealPath().resolve(existing.relativize(p)).normalize();
    }

    private static boolean inside(Path p, List<Path> dirs) {
        return dirs.stream().anyMatch(p::startsWith);
    }

    private String outside(String given, Path resolved) {
        return "'" + given + "'" + (resolved.toString().equals(given) ? "" : " (" + resolved + ")") + " is outside the data roots (" + roots.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ")";
    }
}
