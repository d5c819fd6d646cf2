package io.engram.tune.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best trial's job spec as a {@code .properties} file: the tuning spec's job keys in their order
 * with the trial's values put in (the {@code tune.*} keys left out), written to a temporary name
 * beside the target and renamed over it. Stateless.
 */
final class BestSpec {

    private BestSpec() {
    }

    /** {@code DIR/NAME.best.properties} beside {@code spec} ({@code NAME} without its extension). */
    static Path target(Path spec) {
        String name = spec.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return spec.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".best.properties");
    }

    /** The job spec of a trial: {@code base} with {@code values} put in. */
    static Map<String, String> merge(Map<String, String> base, Map<String, String> values) {
        Map<String, String> spec = new LinkedHashMap<>(base);
        spec.putAll(values);
        return spec;
    }

    /** Writes {@code spec} under the comment lines to {@code target} atomically. */
    static void write(Path target, List<String> comments, Map<String, String> spec) throws IOException {
        StringBuilder b = new StringBuilder();
        comments.forEach(c -> b.append("# ").append(c.replace("\n", " ")).append('\n'));
        spec.forEach((k, v) -> b.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Escapes a key or value as the properties format reads it back. */
    static String escape(String text, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append(key || (i == 0 && (c == '#' || c == '!')) ? "\\" + c : String.valueOf(c));
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
