package io.engram.app.handwriting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The characters a transcript may hold, as CTC labels 1, 2, ... in the order of {@link #characters},
 * label 0 being the blank. Made from a job's {@code data.alphabet}, or when that is empty from the
 * distinct characters of the training transcripts in code-point order; stored in checkpoints.
 * Transcripts are used as written (no case folding), with runs of white space made one space and
 * the ends trimmed. Immutable and thread-safe.
 *
 * @param characters the characters of labels 1, 2, ...; no character twice
 */
record Alphabet(String characters) {

    /** The alphabet of the distinct characters of {@code labels}, in code-point order. */
    static Alphabet of(List<String> labels) {
        TreeSet<Character> set = new TreeSet<>();
        for (String l : labels) {
            for (char c : normalise(l).toCharArray()) {
                set.add(c);
            }
        }
        StringBuilder s = new StringBuilder();
        set.forEach(s::append);
        return new Alphabet(s.toString());
    }

    /** The network's outputs: the blank and one per character. */
    int classes() {
        return characters.length() + 1;
    }

    /** {@code text} with runs of white space made one space, trimmed. */
    static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The first character of the normalised {@code text} outside the alphabet, as a message. */
    Optional<String> problem(String text) {
        String n = normalise(text);
        for (int i = 0; i < n.length(); i++) {
            if (characters.indexOf(n.charAt(i)) < 0) {
                return Optional.of(String.format("character '%s' (U+%04X) at position %d of \"%s\" is not in the "
                        + "alphabet \"%s\"", n.charAt(i), (int) n.charAt(i), i + 1, n, characters));
            }
        }
        return Optional.empty();
    }

    /** The labels of the normalised {@code text}; a character outside the alphabet is an error. */
    int[] encode(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String n = normalise(text);
        int[] out = new int[n.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = characters.indexOf(n.charAt(i)) + 1;
        }
        return out;
    }

    /** The text of {@code labels}; labels outside 1 .. characters are skipped. */
    String decode(int[] labels) {
        StringBuilder s = new StringBuilder();
        for (int l : labels) {
            if (l >= 1 && l <= characters.length()) {
                s.append(characters.charAt(l - 1));
            }
        }
        return s.toString();
    }

    /** The characters as a list of one-character strings, as checkpoints keep them. */
    List<String> asList() {
        List<String> out = new ArrayList<>();
        for (char c : characters.toCharArray()) {
            out.add(String.valueOf(c));
        }
        return out;
    }
}
