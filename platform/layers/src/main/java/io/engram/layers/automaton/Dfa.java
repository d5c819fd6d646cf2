package io.engram.layers.automaton;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A complete deterministic finite automaton over the symbols {@code 0 .. symbols-1}: a start state,
 * a transition table {@code next[state][symbol]} and the accepting states. Immutable (arrays are
 * copied in and out) and thread-safe.
 *
 * <p>{@link #minimal()} gives the canonical minimal automaton of the language: unreachable states
 * dropped, equivalent states merged ({@link PartitionRefinement}), states numbered in breadth-first
 * order from the start, trying symbols in order. Two automata accept the same language exactly when
 * their minimal automata are {@link #equals equal}.
 */
public final class Dfa {
    private final int start;
    private final int[][] next;
    private final boolean[] accepting;

    /**
     * @param start     the start state
     * @param next      {@code next[s][a]}: the state after reading symbol {@code a} in state {@code s}
     * @param accepting whether each state accepts
     * @throws IllegalArgumentException when the table is ragged, a target or the start is out of
     *                                  range, or the sizes disagree
     */
    public Dfa(int start, int[][] next, boolean[] accepting) {
        int n = next.length;
        if (n == 0 || accepting.length != n) {
            throw new IllegalArgumentException("a DFA needs at least one state and one accepting flag per state, got "
                    + n + " rows and " + accepting.length + " flags");
        }
        if (start < 0 || start >= n) {
            throw new IllegalArgumentException("start state " + start + " is not in [0, " + n + ")");
        }
        int k = next[0].length;
        this.next = new int[n][];
        for (int s = 0; s < n; s++) {
            if (next[s].length != k) {
                throw new IllegalArgumentException("state " + s + " has " + next[s].length + " transitions, state 0 has " + k);
            }
            for (int a = 0; a < k; a++) {
                if (next[s][a] < 0 || next[s][a] >= n) {
                    throw new IllegalArgumentException("transition from state " + s + " on symbol " + a + " goes to "
                            + next[s][a] + ", not in [0, " + n + ")");
                }
            }
            this.next[s] = next[s].clone();
        }
        this.start = start;
        this.accepting = accepting.clone();
    }

    public int states() {
        return next.length;
    }

    public int symbols() {
        return next[0].length;
    }

    public int start() {
        return start;
    }

    public int next(int state, int symbol) {
        return next[state][symbol];
    }

    public boolean accepting(int state) {
        return accepting[state];
    }

    /** Whether the automaton accepts {@code string} (symbols in {@code [0, symbols())}). */
    public boolean accepts(int[] string) {
        int s = start;
        for (int a : string) {
            s = next[s][a];
        }
        return accepting[s];
    }

    /** The canonical minimal automaton of this automaton's language (see the class comment). */
    public Dfa minimal() {
        return renumbered(PartitionRefinement.classes(this));
    }

    /**
     * The fraction of the strings of length {@code 0 .. maxLength} on which this automaton and
     * {@code other} (over as many symbols) agree, counted exactly over the product automaton.
     */
    public double agreement(Dfa other, int maxLength) {
        if (other.symbols() != symbols()) {
            throw new IllegalArgumentException("automata over " + symbols() + " and " + other.symbols() + " symbols");
        }
        int m = other.states();
        double[] count = new double[states() * m];
        count[start * m + other.start] = 1;
        double agree = 0;
        double all = 0;
        for (int length = 0; length <= maxLength; length++) {
            double[] after = new double[count.length];
            for (int p = 0; p < count.length; p++) {
                if (count[p] == 0) {
                    continue;
                }
                int s = p / m;
                int o = p % m;
                all += count[p];
                agree += accepting[s] == other.accepting[o] ? count[p] : 0;
                for (int a = 0; a < symbols(); a++) {
                    after[next[s][a] * m + other.next[o][a]] += count[p];
                }
            }
            count = after;
        }
        return agree / all;
    }

    /**
     * The automaton on the classes of {@code classOf} (states in one class must be equivalent),
     * keeping only classes reachable from the start, numbered breadth-first.
     */
    private Dfa renumbered(int[] classOf) {
        int[] number = new int[states()];
        Arrays.fill(number, -1);
        int[] representative = new int[states()];
        int[] classNumber = new int[states()];
        Arrays.fill(classNumber, -1);
        Deque<Integer> queue = new ArrayDeque<>();
        int count = 0;
        classNumber[classOf[start]] = count;
        representative[count++] = start;
        queue.add(start);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int a = 0; a < symbols(); a++) {
                int t = next[s][a];
                if (classNumber[classOf[t]] < 0) {
                    classNumber[classOf[t]] = count;
                    representative[count++] = t;
                    queue.add(t);
                }
            }
        }
        int[][] table = new int[count][symbols()];
        boolean[] accept = new boolean[count];
        for (int c = 0; c < count; c++) {
            int s = representative[c];
            accept[c] = accepting[s];
            for (int a = 0; a < symbols(); a++) {
                table[c][a] = classNumber[classOf[next[s][a]]];
            }
        }
        return new Dfa(0, table, accept);
    }

    /** Equal start, table and accepting states, state for state. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dfa d && d.start == start && Arrays.deepEquals(d.next, next)
                && Arrays.equals(d.accepting, accepting);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(next) + Arrays.hashCode(accepting) + start;
    }

    /** One line per state: {@code 0* -> [1, 2]} (start first marked {@code >}, accepting {@code *}). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < states(); s++) {
            b.append(s == start ? ">" : "").append(s).append(accepting[s] ? "*" : "").append(" -> ")
                    .append(Arrays.toString(next[s])).append(s + 1 < states() ? "\n" : "");
        }
        return b.toString();
    }
}
