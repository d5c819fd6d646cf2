package io.engram.launcher.internal;

/**
 * One plugin setting with the value and the place it came from ({@code /opt/engram/conf/engram.properties:12},
 * {@code ENGRAM_BACKEND_CPU_THREADS}, {@code --set}), for messages. Immutable.
 *
 * @param key    which plugin, which property
 * @param value  the text as given (stripped)
 * @param origin where the winning layer set it
 */
public record PluginSetting(PluginKey key, String value, String origin) {

    /** {@code backend.cpu.threads (--set)}: the key and its source, as messages name them. */
    public String where() {
        return key.key() + " (" + origin + ")";
    }
}
