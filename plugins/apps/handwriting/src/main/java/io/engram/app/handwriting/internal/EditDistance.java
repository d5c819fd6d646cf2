package io.engram.app.handwriting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Levenshtein distance (Levenshtein 1966): the least number of substitutions, insertions and
 * deletions, each costing 1, that turn a hypothesis into a reference, by the usual dynamic programme
 * in {@code O(|a| |b|)} time and {@code O(|b|)} memory. A set's character error rate is the sum of the
 * distances between hypothesis and reference characters over the sum of the reference lengths; its
 * word error rate the same over words (the text split at spaces). Both can exceed 1. Stateless and
 * thread-safe.
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

    /** The character distance between the strings {@code a} and {@code b}. */
    static int chars(String a, String b) {
        return of(a.chars().toArray(), b.chars().toArray());
    }

    /** The distance between the word sequences of {@code a} and {@code b}. */
    static int words(String a, String b) {
        List<String> all = new ArrayList<>();
        return of(ids(words(a), all), ids(words(b), all));
    }

    /** The words of {@code text}: split at runs of white space, none when blank. */
    static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static int[] ids(String[] words, List<String> all) {
        int[] out = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            int k = all.indexOf(words[i]);
            if (k < 0) {
                all.add(words[i]);
                k = all.size() - 1;
            }
            out[i] = k;
        }
        return out;
    }

    /**
     * Error rates of {@code hypotheses} against {@code references} (same order):
     * {@code [characters, words]}, each the summed distance over the summed reference length (0 when
     * the references are empty).
     */
    static double[] rates(List<String> hypotheses, List<String> references) {
        long chars = 0;
        long words = 0;
        long charErrors = 0;
        long wordErrors = 0;
        for (int i = 0; i < references.size(); i++) {
            String r = references.get(i);
            chars += r.length();
            words += words(r).length;
            charErrors += chars(hypotheses.get(i), r);
            wordErrors += words(hypotheses.get(i), r);
        }
        return new double[] {chars == 0 ? 0 : charErrors / (double) chars, words == 0 ? 0 : wordErrors / (double) words};
    }
}
