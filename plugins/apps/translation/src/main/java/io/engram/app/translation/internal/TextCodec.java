package io.engram.app.translation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sentences of one language as token ids and back: words and punctuation
 * ({@link WordTokenizer}), optionally split into subwords ({@link Bpe}), then ids
 * ({@link Vocabulary}). Immutable and thread-safe.
 */
final class TextCodec {
    private final WordTokenizer words;
    private final Optional<Bpe> bpe;
    private final Vocabulary vocabulary;

    TextCodec(WordTokenizer words, Optional<Bpe> bpe, Vocabulary vocabulary) {
        this.words = words;
        this.bpe = bpe;
        this.vocabulary = vocabulary;
    }

    WordTokenizer words() {
        return words;
    }

    Optional<Bpe> bpe() {
        return bpe;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The tokens of {@code text} before they become ids: words, or subwords with BPE. */
    List<String> tokens(String text) {
        return subwords(words.tokenize(text), bpe);
    }

    static List<String> subwords(List<String> words, Optional<Bpe> bpe) {
        if (bpe.isEmpty()) {
            return words;
        }
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.addAll(bpe.get().segment(w));
        }
        return out;
    }

    /** The ids of {@code text}, without the end token. */
    int[] encode(String text) {
        return tokens(text).stream().mapToInt(vocabulary::id).toArray();
    }

    /** The tokens of {@code ids} up to the first end token (excluded). */
    List<String> tokens(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (id == Vocabulary.END) {
                break;
            }
            out.add(vocabulary.token(id));
        }
        return out;
    }

    /** The text of {@code ids} up to the first end token; {@code <unk>} stays as it is. */
    String decode(int[] ids) {
        List<String> tokens = tokens(ids);
        return WordTokenizer.detokenize(bpe.isPresent() ? Bpe.join(tokens) : tokens);
    }
}
