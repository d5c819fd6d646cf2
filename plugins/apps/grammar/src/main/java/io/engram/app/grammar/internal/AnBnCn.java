package io.engram.app.grammar.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The context-sensitive language a<sup>n</sup>b<sup>n</sup>c<sup>n</sup> as a next-symbol
 * prediction task, after Gers and Schmidhuber (2001), "LSTM recurrent networks learn simple
 * context-free and context-sensitive languages", IEEE Transactions on Neural Networks 12(6),
 * section III. A string is {@code S a^n b^n c^n T} with {@code n >= 1}. The inputs are
 * {@code S a b c} (indices 0-3); the outputs are {@code a b c T} (indices 0-3). After each prefix
 * the legal successors are:
 * <pre>
 *   after S                      {a}
 *   after the k-th a             {a, b}     (n is not known yet)
 *   after the k-th b, k &lt; n      {b}        after the n-th b   {c}
 *   after the k-th c, k &lt; n      {c}        after the n-th c   {T}
 * </pre>
 * Only the {@code a}s are ambiguous; every other prediction is determined, so a network that gets a
 * whole string right has counted {@code n} and compared it twice. A string is accepted when every
 * prediction is right (section III.B).
 */
final class AnBnCn {
    static final int IN_S = 0;
    static final int IN_A = 1;
    static final int IN_B = 2;
    static final int IN_C = 3;
    static final int OUT_A = 0;
    static final int OUT_B = 1;
    static final int OUT_C = 2;
    static final int OUT_T = 3;
    static final int SYMBOLS = 4;

    private AnBnCn() {
    }

    /** The string for {@code n}; the final {@code T} is only ever a target. */
    static SymbolString of(int n) {
        int[] symbols = new int[3 * n + 2];
        List<int[]> successors = new ArrayList<>();
        symbols[0] = IN_S;
        successors.add(new int[] {OUT_A});
        for (int k = 1; k <= n; k++) {
            symbols[k] = IN_A;
            successors.add(new int[] {OUT_A, OUT_B});
        }
        for (int k = 1; k <= n; k++) {
            symbols[n + k] = IN_B;
            successors.add(new int[] {k < n ? OUT_B : OUT_C});
        }
        for (int k = 1; k <= n; k++) {
            symbols[2 * n + k] = IN_C;
            successors.add(new int[] {k < n ? OUT_C : OUT_T});
        }
        symbols[3 * n + 1] = -1;
        return new SymbolString(symbols, successors);
    }

    /** {@code n} of a sequence, counted from its one-hot inputs. */
    static int n(double[][] inputs) {
        int count = 0;
        for (double[] x : inputs) {
            count += x[IN_A] > 0 ? 1 : 0;
        }
        return count;
    }
}
