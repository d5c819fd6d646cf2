package io.engram.app.grammar.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Reber grammar and the embedded Reber grammar, as used by Hochreiter and Schmidhuber (1997),
 * "Long short-term memory", Neural Computation 9(8), section 5.1 (experiment 1, figures 5 and 6),
 * after Reber (1967), Cleeremans, Servan-Schreiber and McClelland (1989) and Fahlman (1991).
 *
 * <p>Alphabet {@code B T P S X V E} (indices 0-6). The plain grammar is the transition graph
 * <pre>
 *   0 -B-> 1
 *   1 -T-> 2    1 -P-> 3
 *   2 -S-> 2    2 -X-> 4
 *   3 -T-> 3    3 -V-> 5
 *   4 -X-> 3    4 -S-> 6
 *   5 -P-> 4    5 -V-> 6
 *   6 -E-> end
 * </pre>
 * where each of two arcs is taken with probability 1/2. An embedded Reber string is
 * {@code B T <reber> T E} or {@code B P <reber> P E} with equal probability: the symbol before the
 * final {@code E} repeats the second symbol across the whole inner string, the long time lag that
 * makes the task hard for networks without gated memory.
 */
final class Reber {
    static final int B = 0;
    static final int T = 1;
    static final int P = 2;
    static final int S = 3;
    static final int X = 4;
    static final int V = 5;
    static final int E = 6;
    static final int SYMBOLS = 7;

    /** {@code ARCS[state]} = pairs {symbol, next state}. */
    private static final int[][][] ARCS = {
        {{B, 1}},
        {{T, 2}, {P, 3}},
        {{S, 2}, {X, 4}},
        {{T, 3}, {V, 5}},
        {{X, 3}, {S, 6}},
        {{P, 4}, {V, 6}},
        {{E, 7}},
    };
    private static final int END = 7;

    private Reber() {
    }

    /** A plain Reber string, {@code B ... E}. */
    static SymbolString plain(SplittableRandom random) {
        List<Integer> symbols = new ArrayList<>();
        List<int[]> successors = new ArrayList<>();
        walk(random, symbols, successors);
        successors.remove(successors.size() - 1);
        return new SymbolString(toArray(symbols), successors);
    }

    /** An embedded Reber string, {@code B T <reber> T E} or {@code B P <reber> P E}. */
    static SymbolString embedded(SplittableRandom random) {
        int branch = random.nextBoolean() ? T : P;
        List<Integer> symbols = new ArrayList<>();
        List<int[]> successors = new ArrayList<>();
        symbols.add(B);
        successors.add(new int[] {T, P});
        symbols.add(branch);
        successors.add(new int[] {B});
        walk(random, symbols, successors);
        successors.set(successors.size() - 1, new int[] {branch});
        symbols.add(branch);
        successors.add(new int[] {E});
        symbols.add(E);
        return new SymbolString(toArray(symbols), successors);
    }

    /**
     * Appends a plain string and the successor sets after each of its symbols; the set after the
     * final {@code E} is left empty for the caller to fill.
     */
    private static void walk(SplittableRandom random, List<Integer> symbols, List<int[]> successors) {
        int state = 0;
        while (state != END) {
            int[][] arcs = ARCS[state];
            int[] arc = arcs.length == 1 ? arcs[0] : arcs[random.nextInt(arcs.length)];
            symbols.add(arc[0]);
            state = arc[1];
            successors.add(state == END ? new int[0] : legal(state));
        }
    }

    private static int[] legal(int state) {
        int[][] arcs = ARCS[state];
        int[] out = new int[arcs.length];
        for (int i = 0; i < arcs.length; i++) {
            out[i] = arcs[i][0];
        }
        return out;
    }

    /** Whether {@code symbols} is a string of the plain grammar; for tests. */
    static boolean accepts(int[] symbols) {
        int state = 0;
        for (int s : symbols) {
            int next = -1;
            if (state == END) {
                return false;
            }
            for (int[] arc : ARCS[state]) {
                if (arc[0] == s) {
                    next = arc[1];
                }
            }
            if (next < 0) {
                return false;
            }
            state = next;
        }
        return state == END;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
