package io.engram.app.speech.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Levenshtein distance (Levenshtein 1966): the least number of substitutions, insertions and
 * deletions, each costing 1, that turn a hypothesis into a reference, by the usual dynamic programme
 * in {@code O(|a| |b|)} time and {@code O(|b|)} memory. The character (label) error rate of a set is
 * the sum of the distances over the sum of the reference lengths, and the word error rate the same
 * over words (the text split at spaces). Stateless and thread-safe.
 */
final class EditDistance {
    private EditDistance() {
    }

    /** The distance between {@code a} and {@code b}. */
    static int of(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length];
    }

    /** The distance between the word sequences of {@code a} and {@code b} (split at spaces). */
    static int words(String a, String b) {
        List<String> all = new java.util.ArrayList<>();
        int[] x = ids(words(a), all);
        int[] y = ids(words(b), all);
        return of(x, y);
    }

    /** The words of {@code text}: split at runs of spaces, none when blank. */
    static String[] words(String text) {
        String t = text.trim();
        return t.isEmpty() ? new String[0] : t.split(" +");
    }

    private static int[] ids(String[] words, List<String> all) {
        return Arrays.stream(words).mapToInt(w -> {
            int i = all.indexOf(w);
            if (i < 0) {
                all.add(w);
                return all.size() - 1;
            }
            return i;
        }).toArray();
    }
}
