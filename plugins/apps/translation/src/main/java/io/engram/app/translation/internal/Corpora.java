package io.engram.app.translation.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The corpora an application instance loaded last ({@value #KEPT} of them), so that
 * {@code evaluate} can score translations as text against the sentences the user wrote, and
 * {@code payloads} can store the vocabularies a task was encoded with: both are given only the
 * encoded data. A dataset is matched to the newest corpus with its input and output sizes that
 * holds its first sequence (by source and target ids). Thread-safe.
 */
final class Corpora {
    static final int KEPT = 4;

    /** A source sentence and its reference translation, as written in the file. */
    record Texts(String source, String reference) {
    }

    /**
     * One loaded corpus.
     *
     * @param digest the task's digest
     * @param texts  the sentences of each pair, by {@link #key}
     */
    record Entry(String digest, TextCodec source, TextCodec target, int beam, Map<String, Texts> texts) {
        Entry {
            texts = Map.copyOf(texts);
        }

        boolean fits(Dataset d) {
            return d.inputSize() == source.vocabulary().size() && d.outputSize() == target.vocabulary().size()
                    && (d.size() == 0 || texts.containsKey(key(d.get(0))));
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry entry) {
        entries.removeIf(e -> e.digest().equals(entry.digest()));
        entries.addFirst(entry);
        while (entries.size() > KEPT) {
            entries.removeLast();
        }
    }

    synchronized Optional<Entry> forData(Dataset d) {
        return entries.stream().filter(e -> e.fits(d)).findFirst();
    }

    synchronized Optional<Entry> forDigest(String digest) {
        return entries.stream().filter(e -> e.digest().equals(digest)).findFirst();
    }

    static String key(Sequence s) {
        return key(Encoding.source(s), Encoding.target(s));
    }

    static String key(int[] source, int[] target) {
        return Arrays.toString(source) + "|" + Arrays.toString(target);
    }
}
