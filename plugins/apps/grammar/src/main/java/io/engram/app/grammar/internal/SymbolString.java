package io.engram.app.grammar.internal;

import io.engram.api.Sequence;
import java.util.Arrays;
import java.util.List;

/**
 * A generated string of symbols with, after each prefix, the set of symbols that may legally come
 * next. As a next-symbol prediction sequence, step {@code t} sees symbol {@code t} one-hot and its
 * target is the uniform distribution over the legal successors of the prefix up to {@code t}; the
 * last symbol is never an input.
 *
 * @param symbols    input-alphabet indices
 * @param successors per symbol but the last, the legal next symbols as output-alphabet indices
 */
record SymbolString(int[] symbols, List<int[]> successors) {

    /** The string as a per-step sequence over alphabets of the given sizes. */
    Sequence toSequence(int inputSize, int outputSize) {
        int steps = symbols.length - 1;
        double[][] x = new double[steps][inputSize];
        double[][] y = new double[steps][outputSize];
        for (int t = 0; t < steps; t++) {
            x[t][symbols[t]] = 1;
            int[] legal = successors.get(t);
            for (int k : legal) {
                y[t][k] = 1.0 / legal.length;
            }
        }
        return Sequence.perStep(x, y);
    }

    /** Identity by symbols, for keeping test strings apart from training strings. */
    String key() {
        return Arrays.toString(symbols);
    }
}
