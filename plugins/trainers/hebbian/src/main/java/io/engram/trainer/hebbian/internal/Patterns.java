package io.engram.trainer.hebbian.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.vavr.control.Either;

/**
 * The patterns a memory of width {@code size} stores from a training set: one per step that has a
 * target, in order, as a row of {@code size} values. An auto-associative memory (Hopfield) is as
 * wide as the outputs and stores the target rows; a hetero-associative one (BAM, whose state is
 * both layers) is as wide as the inputs and the outputs together and stores each step's input row
 * followed by its target row. Every value must be -1 or +1. Stateless.
 */
final class Patterns {

    private Patterns() {
    }

    /** The patterns as rows {@code [count * size]}, or a message naming the sequence, step and column at fault. */
    static Either<String, double[]> of(Dataset train, int size) {
        int in = train.inputSize();
        int out = train.outputSize();
        boolean withInputs;
        if (size == out) {
            withInputs = false;
        } else if (size == in + out) {
            withInputs = true;
        } else {
            return Either.left("the memory holds " + size + " units, neither the " + out + " outputs nor the "
                    + (in + out) + " inputs and outputs of the training set");
        }
        double[] rows = new double[count(train) * size];
        int k = 0;
        for (int q = 0; q < train.size(); q++) {
            Sequence s = train.get(q);
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                for (int f = 0; withInputs && f < in; f++) {
                    rows[k++] = s.input(t, f);
                }
                for (int o = 0; o < out; o++) {
                    rows[k++] = s.target(t, o);
                }
                int bad = firstNotBipolar(rows, k - size, k);
                if (bad >= 0) {
                    int column = bad - (k - size);
                    String where = withInputs && column < in ? "input " + column : "target " + (withInputs ? column - in : column);
                    return Either.left("training sequence " + q + " step " + t + " " + where + " is " + rows[bad]
                            + ", not -1 or +1");
                }
            }
        }
        return rows.length == 0 ? Either.left("the training set has no step with a target to store")
                : Either.right(rows);
    }

    private static int count(Dataset train) {
        int n = 0;
        for (Sequence s : train.sequences()) {
            for (int t = 0; t < s.length(); t++) {
                n += s.hasTarget(t) ? 1 : 0;
            }
        }
        return n;
    }

    private static int firstNotBipolar(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] != 1 && v[i] != -1) {
                return i;
            }
        }
        return -1;
    }
}
