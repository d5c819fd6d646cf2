package io.engram.kernel;

import java.util.Locale;

/** The kinds of plugin the kernel tracks. */
public enum PluginKind {
    FAMILY, TRAINER, APPLICATION, BACKEND, LOSS;

    /** Lower-case name, as shown to users. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
