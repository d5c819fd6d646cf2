package io.engram.app.speech.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The characters a transcript may hold, {@code a} to {@code z}, space and apostrophe, as CTC labels 1
 * to 28 in that order, label 0 being the blank. A transcript is normalised before encoding: lower case
 * ({@link Locale#ROOT}), runs of white space made one space, trimmed. Immutable and thread-safe.
 */
final class Alphabet {
    /** The characters, label {@code i + 1} being {@code CHARACTERS.charAt(i)}. */
    static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyz '";
    /** The network's outputs: the blank and one per character. */
    static final int CLASSES = CHARACTERS.length() + 1;

    private Alphabet() {
    }

    /** {@code text} lower-cased, white space collapsed to single spaces and trimmed. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /**
     * The position (0-based, in the normalised text) and code point of the first character of the
     * normalised {@code text} outside the alphabet, if any, as a message.
     */
    static Optional<String> problem(String text) {
        String n = normalise(text);
        for (int i = 0; i < n.length(); i++) {
            if (CHARACTERS.indexOf(n.charAt(i)) < 0) {
                return Optional.of(String.format("character U+%04X at position %d of the transcript is not one of "
                        + "a-z, space and apostrophe", n.codePointAt(i), i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The labels of the normalised {@code text}.
     *
     * @throws IllegalArgumentException when a character is outside the alphabet ({@link #problem})
     */
    static int[] encode(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String n = normalise(text);
        int[] out = new int[n.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = CHARACTERS.indexOf(n.charAt(i)) + 1;
        }
        return out;
    }

    /** The text of {@code labels} (1 to 28; others are skipped). */
    static String decode(int[] labels) {
        StringBuilder s = new StringBuilder();
        for (int l : labels) {
            if (l >= 1 && l <= CHARACTERS.length()) {
                s.append(CHARACTERS.charAt(l - 1));
            }
        }
        return s.toString();
    }

    /** The alphabet as the list of its characters, as checkpoints keep it. */
    static List<String> asList() {
        List<String> out = new ArrayList<>();
        for (char c : CHARACTERS.toCharArray()) {
            out.add(String.valueOf(c));
        }
        return out;
    }
}
