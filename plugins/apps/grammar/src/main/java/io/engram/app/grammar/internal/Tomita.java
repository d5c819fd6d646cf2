package io.engram.app.grammar.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.layers.automaton.Dfa;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seven regular languages over {0, 1} of Tomita (1982), "Dynamic construction of finite-state
 * automata from examples using hill-climbing", Proceedings of the 4th Annual Conference of the
 * Cognitive Science Society, as string classification (accept or reject), the benchmark of Giles et
 * al. (1992). Each is given by its minimal automaton:
 * <ol>
 *   <li>{@code 1*}</li>
 *   <li>{@code (10)*}</li>
 *   <li>no odd-length block of 1s directly followed by an odd-length block of 0s</li>
 *   <li>no {@code 000}</li>
 *   <li>an even number of 0s and an even number of 1s</li>
 *   <li>the numbers of 0s and of 1s differ by a multiple of 3</li>
 *   <li>{@code 0*1*0*1*}</li>
 * </ol>
 * A string of {@code n} symbols is a sequence of {@code n + 1} steps over three one-hot inputs
 * ({@code 0}, {@code 1} and the end symbol, indices 0-2); the last step, the end symbol, carries the
 * only target: 1 to accept, 0 to reject. The empty string is the end symbol alone.
 *
 * <p>Strings are drawn balanced: accept or reject with probability 1/2, a length uniform in
 * {@code [0, maxLength]} among those that have strings of that verdict, then uniformly among the
 * strings of that length and verdict (counted on the automaton). Stateless.
 */
final class Tomita {
    static final int SYMBOLS = 2;
    static final int INPUTS = 3;
    static final int END = 2;

    private static final int DEAD = -1;

    private Tomita() {
    }

    /** The minimal automaton of grammar {@code g} in {@code 1..7}. */
    static Dfa grammar(int g) {
        return switch (g) {
            case 1 -> dfa(new int[][] {{DEAD, 0}}, true);
            case 2 -> dfa(new int[][] {{DEAD, 1}, {0, DEAD}}, true, false);
            // 0: free, 1: odd block of 1s, 2: odd block of 0s after it, 3: even block of 0s after it
            case 3 -> dfa(new int[][] {{0, 1}, {2, 0}, {3, DEAD}, {2, 1}}, true, true, false, true);
            // trailing 0s counted
            case 4 -> dfa(new int[][] {{1, 0}, {2, 0}, {DEAD, 0}}, true, true, true);
            // (parity of 0s, parity of 1s) as 2 * p0 + p1
            case 5 -> new Dfa(0, new int[][] {{2, 1}, {3, 0}, {0, 3}, {1, 2}}, new boolean[] {true, false, false, false});
            // #0 - #1 mod 3
            case 6 -> new Dfa(0, new int[][] {{1, 2}, {2, 0}, {0, 1}}, new boolean[] {true, false, false});
            // the phase of 0*1*0*1*
            case 7 -> dfa(new int[][] {{0, 1}, {2, 1}, {2, 3}, {DEAD, 3}}, true, true, true, true);
            default -> throw new IllegalArgumentException("Tomita grammars are 1 to 7, got " + g);
        };
    }

    /** An automaton from a table in which {@link #DEAD} stands for a rejecting sink appended at the end. */
    private static Dfa dfa(int[][] live, boolean... accepting) {
        int dead = live.length;
        int[][] next = new int[live.length + 1][];
        boolean[] accept = new boolean[live.length + 1];
        for (int s = 0; s < live.length; s++) {
            next[s] = new int[SYMBOLS];
            for (int a = 0; a < SYMBOLS; a++) {
                next[s][a] = live[s][a] == DEAD ? dead : live[s][a];
            }
            accept[s] = accepting[s];
        }
        next[dead] = new int[] {dead, dead};
        return new Dfa(0, next, accept);
    }

    /** {@code count} balanced strings of length at most {@code maxLength} as sequences. */
    static Dataset strings(Dfa grammar, SplittableRandom r, int count, int maxLength) {
        StringCounts counts = new StringCounts(grammar, maxLength);
        List<Sequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean accept = r.nextBoolean();
            if (!counts.hasAny(accept)) {
                accept = !accept;
            }
            int length;
            do {
                length = r.nextInt(maxLength + 1);
            } while (counts.count(grammar.start(), length, accept) == 0);
            out.add(sequence(counts.draw(r, length, accept), accept));
        }
        return new Dataset(out, INPUTS, 1);
    }

    /** The string's steps: its symbols, then the end symbol with the verdict as target. */
    static Sequence sequence(int[] string, boolean accept) {
        int steps = string.length + 1;
        double[][] x = new double[steps][INPUTS];
        double[][] y = new double[steps][1];
        boolean[] mask = new boolean[steps];
        for (int t = 0; t < string.length; t++) {
            x[t][string[t]] = 1;
        }
        x[string.length][END] = 1;
        y[string.length][0] = accept ? 1 : 0;
        mask[string.length] = true;
        return new Sequence(x, y, mask);
    }

    /** The symbols of a sequence made by {@link #sequence}. */
    static int[] symbols(Sequence s) {
        int[] string = new int[s.length() - 1];
        for (int t = 0; t < string.length; t++) {
            string[t] = s.input(t, 1) > 0 ? 1 : 0;
        }
        return string;
    }
}
