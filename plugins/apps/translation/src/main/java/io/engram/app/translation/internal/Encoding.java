package io.engram.app.translation.internal;

import io.engram.api.Sequence;

/**
 * Sentences as the seq2seq family reads them: the source as one-hot rows {@code [n + 1][V_src]}, the
 * last the end token; the target as labels, its ids followed by the end token. Stateless.
 */
final class Encoding {

    private Encoding() {
    }

    static double[][] oneHot(int[] ids, int vocabulary) {
        double[][] rows = new double[ids.length + 1][vocabulary];
        for (int t = 0; t < ids.length; t++) {
            rows[t][ids[t]] = 1.0;
        }
        rows[ids.length][Vocabulary.END] = 1.0;
        return rows;
    }

    static Sequence sequence(int[] source, int[] target, int sourceVocabulary, int targetVocabulary) {
        int[] labels = java.util.Arrays.copyOf(target, target.length + 1);
        labels[target.length] = Vocabulary.END;
        return Sequence.labelled(oneHot(source, sourceVocabulary), targetVocabulary, labels);
    }

    /** The source ids of a sequence's one-hot rows, the final end row left out. */
    static int[] source(Sequence s) {
        int n = Math.max(0, s.length() - 1);
        int[] ids = new int[n];
        for (int t = 0; t < n; t++) {
            int best = 0;
            for (int v = 1; v < s.inputWidth(t); v++) {
                best = s.input(t, v) > s.input(t, best) ? v : best;
            }
            ids[t] = best;
        }
        return ids;
    }

    /** The target ids of a sequence's labels, up to the first end token. */
    static int[] target(Sequence s) {
        int n = 0;
        while (n < s.labelCount() && s.label(n) != Vocabulary.END) {
            n++;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = s.label(i);
        }
        return ids;
    }
}
