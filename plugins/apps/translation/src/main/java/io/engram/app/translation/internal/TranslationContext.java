package io.engram.app.translation.internal;

import io.engram.api.Sequence;
import java.util.Arrays;
import java.util.Map;

/**
 * What a translation task's datasets carry besides their sequences ({@code Dataset.withContext}),
 * for {@code evaluate} and {@code payloads}: the codecs of both languages, the beam width and length
 * penalty of the beam metrics, and the sentences each pair was encoded from, by {@link #key} (its source and target
 * ids), so that translations are scored against the references as written. Immutable and
 * thread-safe.
 *
 * @param texts the sentences of each pair, by {@link #key}; pairs with the same ids keep the first
 */
record TranslationContext(TextCodec source, TextCodec target, int beam, double lengthPenalty,
                          Map<String, Texts> texts) {

    /** A source sentence and its reference translation, as written in the file. */
    record Texts(String source, String reference) {
    }

    TranslationContext {
        texts = Map.copyOf(texts);
    }

    static String key(Sequence s) {
        return key(Encoding.source(s), Encoding.target(s));
    }

    static String key(int[] source, int[] target) {
        return Arrays.toString(source) + "|" + Arrays.toString(target);
    }
}
