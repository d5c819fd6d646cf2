package io.engram.http.internal;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Whether reading (GET, HEAD) needs the bearer token, setting {@code read.token}: {@code always},
 * {@code never}, or {@code auto}, which asks for it unless the server is bound to a loopback
 * address (see {@link Loopback}). An unknown value counts as {@code always}.
 */
enum ReadAccess {
    AUTO, ALWAYS, NEVER;

    /** The setting named by {@code value} (any case); an unknown one is reported to {@code warn} and read as ALWAYS. */
    static ReadAccess parse(String value, Consumer<String> warn) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            return AUTO;
        }
        for (ReadAccess a : values()) {
            if (a.name().equals(v)) {
                return a;
            }
        }
        warn.accept("http.read.token: expected auto, always or never, got '" + value.trim()
                + "'; reading requires the token");
        return ALWAYS;
    }

    /** Whether a server bound to {@code boundHost} asks readers for the token. */
    boolean needsToken(String boundHost) {
        return this == ALWAYS || (this == AUTO && !Loopback.is(boundHost));
    }
}
