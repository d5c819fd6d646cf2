package io.engram.family.seq2seq.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * Learned token embeddings (Bengio et al. 2003, sec. 2; as the word vectors of Bahdanau, Cho and
 * Bengio 2015, sec. A.2): token {@code k} is row {@code k} of a table {@code E [V, e]}, so the
 * embedding of a one-hot row {@code x} is {@code x E}. The one-hot rows given to a network are
 * constants, so their tokens are read on the host and the rows of {@code E} gathered,
 * {@code gather(E, tokens)}, which equals {@code x E} and its gradient (scattered back to the rows
 * read) at a cost that does not grow with the vocabulary. Stateless.
 */
final class Embedding {

    private Embedding() {
    }

    /** The rows of {@code table} ({@code [V, e]}) of the tokens of {@code oneHot} ({@code [n, V]}): {@code [n, e]}. */
    static Tensor lookup(Ops ops, Tensor table, Tensor oneHot) {
        return ops.gather(table, 0, tokens(oneHot));
    }

    /**
     * The token of each row of a one-hot matrix {@code [n, V]}: the index of its largest value (the
     * lowest among equals, 0 for a row of zeros such as padding).
     */
    static int[] tokens(Tensor oneHot) {
        int n = oneHot.dim(0);
        int v = oneHot.dim(1);
        double[] x = oneHot.toDoubleArray();
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            int at = r * v;
            for (int k = 1; k < v; k++) {
                best = x[at + k] > x[at + best] ? k : best;
            }
            out[r] = best;
        }
        return out;
    }
}
