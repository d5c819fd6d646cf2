package io.engram.app.translation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a sentence into words and punctuation marks, and joins them back. A word is a run of
 * letters, digits and combining marks; every other character that is not white space is a token of
 * its own. A punctuation token that touched its left or right neighbour in the text carries the
 * joiner {@value #JOINER} on that side (as OpenNMT's tokenizer annotates joiners), so that
 * {@link #detokenize} restores the spacing exactly: {@code "Hello, world!"} becomes
 * {@code Hello ￭, world ￭!} and back. Words never carry joiners, so the vocabulary holds each word
 * once. Lower-casing (when on) uses the root locale. Immutable and thread-safe.
 */
final class WordTokenizer {
    /** Marks a punctuation token's side that touched its neighbour. */
    static final String JOINER = "\uFFED";

    private final boolean lowercase;

    WordTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    boolean lowercase() {
        return lowercase;
    }

    /** The text as it is compared and tokenised: lower-cased when so set, white space collapsed. */
    String normalize(String text) {
        String t = String.join(" ", text.strip().split("\\s+"));
        return lowercase ? t.toLowerCase(Locale.ROOT) : t;
    }

    List<String> tokenize(String text) {
        String s = normalize(text);
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (Character.isWhitespace(c)) {
                i += Character.charCount(c);
            } else if (isWordChar(c)) {
                int j = i;
                while (j < s.length() && isWordChar(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                tokens.add(s.substring(i, j));
                i = j;
            } else {
                int j = i + Character.charCount(c);
                boolean left = i > 0 && !Character.isWhitespace(s.codePointBefore(i));
                boolean right = j < s.length() && !Character.isWhitespace(s.codePointAt(j));
                tokens.add((left ? JOINER : "") + s.substring(i, j) + (right ? JOINER : ""));
                i = j;
            }
        }
        return tokens;
    }

    /** The text of {@code tokens}: separated by spaces except where a joiner says they touched. */
    static String detokenize(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        boolean glued = true;
        for (String token : tokens) {
            String t = token;
            boolean left = t.length() > 1 && t.startsWith(JOINER);
            if (left) {
                t = t.substring(JOINER.length());
            }
            boolean right = t.length() > 1 && t.endsWith(JOINER);
            if (right) {
                t = t.substring(0, t.length() - JOINER.length());
            }
            if (!glued && !left) {
                out.append(' ');
            }
            out.append(t);
            glued = right;
        }
        return out.toString();
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }
}
