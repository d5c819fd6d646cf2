package io.engram.launcher.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plugin's setting named in the launcher's settings: {@code KIND.ID.NAME}, where KIND is one of
 * {@link #KINDS}, ID a plugin id without dots and NAME the rest (it may contain dots). It goes to
 * ConfigAdmin PID {@code io.engram.KIND.ID} as property {@code NAME}: {@code backend.cpu.blas} sets
 * {@code blas} of PID {@code io.engram.backend.cpu}. Immutable.
 *
 * @param key  the whole key, as written
 * @param kind backend, trainer, family or app
 * @param id   the plugin's id
 * @param name the property under the plugin's PID
 */
public record PluginKey(String key, String kind, String id, String name) {

    /** The kinds of plugin whose settings the launcher passes on. */
    public static final List<String> KINDS = List.of("backend", "trainer", "family", "app");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** The ConfigAdmin PID of the plugin's components. */
    public String pid() {
        return pid(kind, id);
    }

    static String pid(String kind, String id) {
        return "io.engram." + kind + "." + id;
    }

    /** True when the key starts with one of the plugin kinds and a dot, valid or not. */
    static boolean looksLikePluginKey(String key) {
        return KINDS.stream().anyMatch(k -> key.startsWith(k + "."));
    }

    /**
     * The plugin key that {@code key} names, or empty when it is malformed (no id, no name, odd
     * characters); call only when {@link #looksLikePluginKey} holds.
     */
    static Optional<PluginKey> parse(String key) {
        int first = key.indexOf('.');
        int second = key.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return Optional.empty();
        }
        String kind = key.substring(0, first);
        String id = key.substring(first + 1, second);
        String name = key.substring(second + 1);
        if (!KINDS.contains(kind) || !ID.matcher(id).matches() || !NAME.matcher(name).matches() || name.endsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(new PluginKey(key, kind, id, name));
    }

    /** The problem with a malformed plugin key, for the message. */
    static String malformed(String key) {
        return "a plugin setting is KIND.ID.NAME (KIND: " + String.join(", ", KINDS)
                + "; ID: letters, digits, '-' or '_'; for example backend.cpu.threads), not " + key;
    }
}
