package io.engram.app.translation.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids of one language: id {@value #END} is {@code </s>} (it starts and ends a target
 * sentence), id {@value #UNKNOWN} is {@code <unk>} (every token not in the vocabulary), the rest the
 * training side's tokens, most frequent first (ties in order of first occurrence), as many as the
 * size limit leaves room for. Immutable and thread-safe.
 */
final class Vocabulary {
    static final int END = 0;
    static final int UNKNOWN = 1;
    static final String END_TOKEN = "</s>";
    static final String UNKNOWN_TOKEN = "<unk>";

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    /** @throws IllegalArgumentException when the list does not begin with the two special tokens or repeats one */
    Vocabulary(List<String> tokens) {
        if (tokens.size() < 2 || !tokens.get(END).equals(END_TOKEN) || !tokens.get(UNKNOWN).equals(UNKNOWN_TOKEN)) {
            throw new IllegalArgumentException("a vocabulary begins with " + END_TOKEN + " and " + UNKNOWN_TOKEN);
        }
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.putIfAbsent(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("the vocabulary holds '" + this.tokens.get(i) + "' twice");
            }
        }
    }

    /** The {@code size - 2} most frequent tokens of {@code sentences} after the two special ones. */
    static Vocabulary build(Collection<List<String>> sentences, int size) {
        LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
        for (List<String> s : sentences) {
            for (String t : s) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        counts.remove(END_TOKEN);
        counts.remove(UNKNOWN_TOKEN);
        List<String> order = new ArrayList<>(counts.keySet());
        order.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        List<String> tokens = new ArrayList<>(List.of(END_TOKEN, UNKNOWN_TOKEN));
        tokens.addAll(order.subList(0, Math.min(order.size(), Math.max(0, size - 2))));
        return new Vocabulary(tokens);
    }

    int size() {
        return tokens.size();
    }

    List<String> tokens() {
        return tokens;
    }

    int id(String token) {
        return ids.getOrDefault(token, UNKNOWN);
    }

    String token(int id) {
        return tokens.get(id);
    }
}
