package io.engram.app.grammar.internal;

import io.engram.layers.automaton.Dfa;
import java.util.SplittableRandom;

/**
 * How many strings of each length lead from each state of an automaton to acceptance, or to
 * rejection, and uniform draws among them: {@code count(s, n, v)} strings of length {@code n}
 * take state {@code s} to a state of verdict {@code v}, and a draw picks each next symbol with
 * probability proportional to the count behind it. Counts are doubles (exact up to 2^53, far beyond
 * the lengths used). Immutable.
 */
final class StringCounts {
    private final Dfa dfa;
    /** {@code counts[v][n][s]}, {@code v} 1 for accept. */
    private final double[][][] counts;

    StringCounts(Dfa dfa, int maxLength) {
        this.dfa = dfa;
        this.counts = new double[2][maxLength + 1][dfa.states()];
        for (int v = 0; v < 2; v++) {
            for (int s = 0; s < dfa.states(); s++) {
                counts[v][0][s] = dfa.accepting(s) == (v == 1) ? 1 : 0;
            }
            for (int n = 1; n <= maxLength; n++) {
                for (int s = 0; s < dfa.states(); s++) {
                    for (int a = 0; a < dfa.symbols(); a++) {
                        counts[v][n][s] += counts[v][n - 1][dfa.next(s, a)];
                    }
                }
            }
        }
    }

    double count(int state, int length, boolean accept) {
        return counts[accept ? 1 : 0][length][state];
    }

    /** Whether any string up to the longest length has verdict {@code accept}. */
    boolean hasAny(boolean accept) {
        for (int n = 0; n < counts[0].length; n++) {
            if (count(dfa.start(), n, accept) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A string drawn uniformly among those of {@code length} and verdict {@code accept} (there must be one). */
    int[] draw(SplittableRandom r, int length, boolean accept) {
        int[] string = new int[length];
        int s = dfa.start();
        for (int i = 0; i < length; i++) {
            double u = r.nextDouble() * count(s, length - i, accept);
            int a = 0;
            while (a < dfa.symbols() - 1 && u >= count(dfa.next(s, a), length - i - 1, accept)) {
                u -= count(dfa.next(s, a), length - i - 1, accept);
                a++;
            }
            string[i] = a;
            s = dfa.next(s, a);
        }
        return string;
    }
}
