package io.engram.app.translation.internal;

import java.util.Objects;

/**
 * One sentence pair of a parallel corpus, as the user wrote it.
 *
 * @param source the source sentence
 * @param target the target sentence (empty for a sentence to translate)
 * @param where  {@code file:line}
 */
record Pair(String source, String target, String where) {
    Pair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(where, "where");
    }
}
