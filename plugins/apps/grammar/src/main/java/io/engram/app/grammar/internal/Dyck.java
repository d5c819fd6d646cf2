package io.engram.app.grammar.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Balanced parentheses (the Dyck language over one pair of brackets) as string classification, the
 * context-free benchmark of the neural network pushdown automaton (Sun, Giles, Chen and Lee 1993;
 * Das, Giles and Sun 1992). A string of {@code n} symbols is a sequence of {@code n + 2} steps over
 * four one-hot inputs: the start symbol (index 3), the symbols {@code (} and {@code )} (indices 0
 * and 1), and the end symbol (index 2), which carries the only target: 1 to accept, 0 to reject.
 *
 * <p>Strings are drawn balanced between the verdicts, with {@code p} pairs uniform in a range:
 * an accepted string chooses at each position {@code (} or {@code )} with probability 1/2 among the
 * choices that can still close; a rejected one is, with probability 1/2 each, an unbalanced
 * arrangement of {@code p} opening and {@code p} closing brackets (a prefix closes more than it
 * opened: the counts alone cannot tell it), or a balanced string with one symbol flipped (the
 * counts differ by two). Every string has even length. Stateless.
 */
final class Dyck {
    static final int OPEN = 0;
    static final int CLOSE = 1;
    static final int END = 2;
    static final int START = 3;
    static final int INPUTS = 4;

    private Dyck() {
    }

    /** {@code count} strings of {@code minPairs} to {@code maxPairs} pairs ({@code 1 <= minPairs <= maxPairs}). */
    static Dataset strings(SplittableRandom r, int count, int minPairs, int maxPairs) {
        List<Sequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pairs = minPairs + r.nextInt(maxPairs - minPairs + 1);
            boolean accept = r.nextBoolean();
            int[] s = accept ? balanced(r, pairs) : r.nextBoolean() ? unbalancedArrangement(r, pairs) : flipped(r, pairs);
            out.add(sequence(s, accept));
        }
        return new Dataset(out, INPUTS, 1);
    }

    /** A balanced string of {@code pairs} pairs. */
    static int[] balanced(SplittableRandom r, int pairs) {
        int[] s = new int[2 * pairs];
        int depth = 0;
        int opensLeft = pairs;
        for (int i = 0; i < s.length; i++) {
            boolean open = depth == 0 || (opensLeft > 0 && r.nextBoolean());
            s[i] = open ? OPEN : CLOSE;
            depth += open ? 1 : -1;
            opensLeft -= open ? 1 : 0;
        }
        return s;
    }

    /** {@code pairs} opening and closing brackets in an order that is not balanced. */
    static int[] unbalancedArrangement(SplittableRandom r, int pairs) {
        int[] s = new int[2 * pairs];
        do {
            for (int i = 0; i < s.length; i++) {
                s[i] = i < pairs ? OPEN : CLOSE;
            }
            for (int i = s.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = s[i];
                s[i] = s[j];
                s[j] = t;
            }
        } while (isBalanced(s));
        return s;
    }

    /** A balanced string with one symbol flipped. */
    static int[] flipped(SplittableRandom r, int pairs) {
        int[] s = balanced(r, pairs);
        int i = r.nextInt(s.length);
        s[i] = 1 - s[i];
        return s;
    }

    /** Whether every prefix opens at least as many brackets as it closes and the whole string closes them all. */
    static boolean isBalanced(int[] s) {
        int depth = 0;
        for (int c : s) {
            depth += c == OPEN ? 1 : -1;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The string's steps: the start symbol, its symbols, then the end symbol with the verdict as target. */
    static Sequence sequence(int[] string, boolean accept) {
        int steps = string.length + 2;
        double[][] x = new double[steps][INPUTS];
        double[][] y = new double[steps][1];
        boolean[] mask = new boolean[steps];
        x[0][START] = 1;
        for (int t = 0; t < string.length; t++) {
            x[t + 1][string[t]] = 1;
        }
        x[steps - 1][END] = 1;
        y[steps - 1][0] = accept ? 1 : 0;
        mask[steps - 1] = true;
        return new Sequence(x, y, mask);
    }

    /** {@code accuracy}: the fraction of strings whose output at the end symbol is on the side of 0.5 of their target. */
    static Map<String, Double> metrics(Dataset data, List<double[][]> outputs) {
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int last = s.length() - 1;
            right += (outputs.get(i)[last][0] > 0.5) == (s.target(last, 0) > 0.5) ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", data.size() == 0 ? 0.0 : right / (double) data.size());
        return m;
    }
}
