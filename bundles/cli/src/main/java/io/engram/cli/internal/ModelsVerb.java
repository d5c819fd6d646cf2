package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.store.ModelStore;
import io.engram.store.ModelVersion;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram models [show REF | delete NAME@V | alias NAME@V ALIAS | export REF FILE]}: the model
 * registry on the console. Without arguments it prints one row per registered version (name,
 * version, aliases, family, created, source, final loss metrics); {@code show} prints a version's
 * metadata and checks its SHA-256 again; {@code export} copies its checkpoint to FILE (written to a
 * temporary name and renamed).
 *
 * <p>Exit status: 0 on success, 2 for a bad or unknown reference or usage (nothing changed then), 1
 * when the store fails or a checksum does not match. Thread-safe: it holds only the store.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=models")
public final class ModelsVerb implements Function<Map<String, Object>, Integer> {

    static final String USAGE = "usage: engram models [show NAME[@V] | delete NAME@V | alias NAME@V ALIAS | "
            + "export NAME[@V] FILE]";

    private final ModelStore store;

    @Activate
    public ModelsVerb(@Reference ModelStore store) {
        this.store = store;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<String> a = call.args();
        String verb = a.isEmpty() ? "list" : a.get(0);
        int status = switch (verb + "/" + a.size()) {
            case "list/0" -> list(call.out());
            case "show/2" -> show(call, a.get(1));
            case "delete/2" -> delete(call, a.get(1));
            case "alias/3" -> alias(call, a.get(1), a.get(2));
            case "export/3" -> export(call, a.get(1), Path.of(a.get(2)));
            default -> {
                call.err().println(USAGE);
                yield VerbCall.BAD_INPUT;
            }
        };
        call.out().flush();
        call.err().flush();
        return status;
    }

    private int list(PrintStream out) {
        List<ModelVersion> all = store.versions();
        if (all.isEmpty()) {
            out.println("no models registered in " + store.directory());
            return VerbCall.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "ALIASES", "FAMILY", "CREATED", "SOURCE", "METRICS"});
        for (ModelVersion v : all) {
            rows.add(new String[] {v.name(), Integer.toString(v.version()), String.join(",", v.aliases()), v.family(),
                    v.createdAt(), v.source(), losses(v.metrics())});
        }
        out.print(table(rows));
        return VerbCall.OK;
    }

    /** The loss metrics of a version, {@code name=value} joined by spaces; the others are in {@code show}. */
    static String losses(Map<String, Double> metrics) {
        return new TreeMap<>(metrics).entrySet().stream().filter(e -> e.getKey().endsWith("loss"))
                .map(e -> e.getKey() + "=" + Text.number(e.getValue())).collect(Collectors.joining(" "));
    }

    private int show(VerbCall call, String reference) {
        Try<ModelVersion> found = store.version(reference);
        if (found.isFailure()) {
            return bad(call, found.getCause());
        }
        ModelVersion v = found.get();
        Try<ModelVersion> verified = store.verify(v.reference());
        PrintStream out = call.out();
        out.println("model:      " + v.reference());
        out.println("aliases:    " + (v.aliases().isEmpty() ? "-" : String.join(", ", v.aliases())));
        out.println("checkpoint: " + v.checkpoint() + " (" + v.bytes() + " bytes)");
        out.println("sha256:     " + v.sha256() + (verified.isSuccess() ? " (verified)" : " (MISMATCH)"));
        out.println("created:    " + v.createdAt() + " from " + v.source());
        out.println("family:     " + v.family());
        out.println("seed:       " + v.seed());
        out.println("data:       " + v.dataSource());
        out.println("bundles:    " + String.join(", ", v.bundles()));
        out.println("metrics:");
        new TreeMap<>(v.metrics()).forEach((k, x) -> out.println("  " + k + " = " + Text.number(x)));
        out.println("spec:");
        new TreeMap<>(v.spec()).forEach((k, x) -> out.println("  " + k + " = " + x));
        if (verified.isFailure()) {
            call.err().println("engram: " + verified.getCause().getMessage());
            return VerbCall.FAILED;
        }
        return VerbCall.OK;
    }

    private int delete(VerbCall call, String reference) {
        int at = reference.indexOf('@');
        int version = at < 0 ? 0 : parseVersion(reference.substring(at + 1));
        if (version < 1) {
            call.err().println("engram: delete needs NAME@VERSION with a version number, got '" + reference + "'");
            return VerbCall.BAD_INPUT;
        }
        Try<ModelVersion> deleted = store.delete(reference.substring(0, at), version);
        if (deleted.isFailure()) {
            return bad(call, deleted.getCause());
        }
        call.out().println("deleted " + deleted.get().reference() + (deleted.get().aliases().isEmpty() ? ""
                : " and its aliases " + String.join(", ", deleted.get().aliases())));
        return VerbCall.OK;
    }

    private int alias(VerbCall call, String reference, String alias) {
        Try<ModelVersion> target = store.version(reference).flatMap(v -> store.alias(v.reference(), alias)
                .map(r -> v));
        if (target.isFailure()) {
            return bad(call, target.getCause());
        }
        call.out().println(target.get().name() + "@" + alias + " -> " + target.get().reference());
        return VerbCall.OK;
    }

    private int export(VerbCall call, String reference, Path file) {
        Try<ModelVersion> found = store.version(reference);
        if (found.isFailure()) {
            return bad(call, found.getCause());
        }
        ModelVersion v = found.get();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try (InputStream in = Files.newInputStream(Path.of(v.checkpoint()))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            call.err().println("engram: cannot export " + v.reference() + " to " + file + ": " + e.getMessage());
            return VerbCall.FAILED;
        }
        call.out().println("exported " + v.reference() + " to " + file + " (" + v.bytes() + " bytes, sha256 "
                + v.sha256() + ")");
        return VerbCall.OK;
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int bad(VerbCall call, Throwable cause) {
        call.err().println("engram: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        return cause instanceof IOException && !(cause instanceof java.nio.file.NoSuchFileException)
                ? VerbCall.FAILED : VerbCall.BAD_INPUT;
    }

    /** Rows as left-aligned columns two spaces apart, trailing spaces trimmed. */
    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(i == r.length - 1 ? 0 : widths[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
