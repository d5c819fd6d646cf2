package io.engram.family.hopfield.internal;

import io.engram.tensor.Tensor;

/** Checks of the patterns and states given to a Hopfield memory. Stateless. */
final class Bipolar {

    private Bipolar() {
    }

    /** Throws unless {@code t} is {@code [rows, n]}, naming {@code what}. */
    static void shape(Tensor t, int n, String what) {
        if (t.rank() != 2 || t.dim(1) != n) {
            throw new IllegalArgumentException(what + " must be [rows, " + n + "], got " + t.shape());
        }
    }

    /**
     * The values of {@code patterns [p, n]}, {@code p >= 1}, each -1 or +1.
     *
     * @throws IllegalArgumentException naming the first pattern and unit that is not -1 or +1, or the shape
     */
    static double[] check(Tensor patterns, int n) {
        shape(patterns, n, "patterns");
        if (patterns.dim(0) == 0) {
            throw new IllegalArgumentException("patterns: none given");
        }
        double[] xi = patterns.toDoubleArray();
        for (int k = 0; k < xi.length; k++) {
            if (xi[k] != 1 && xi[k] != -1) {
                throw new IllegalArgumentException("patterns: pattern " + k / n + " unit " + k % n + " is " + xi[k]
                        + ", not -1 or +1");
            }
        }
        return xi;
    }
}
