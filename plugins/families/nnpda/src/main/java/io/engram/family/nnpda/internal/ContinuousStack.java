package io.engram.family.nnpda.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The continuous stack of the neural network pushdown automaton: Sun, Giles, Chen and Lee (1993),
 * "The neural network pushdown automaton: model, stack and learning simulations", UMIACS-TR-93-77,
 * the stack of the model (and of Das, Giles and Sun 1992). The stack holds elements {@code V_i} of
 * fractional length {@code l_i in [0, 1]}, index 0 the top. With the exclusive running sum of the
 * lengths above element {@code i}, {@code S_i = sum_{j<i} l_j}:
 * <pre>
 *   pop u >= 0:    l_i' = relu( l_i - relu(u - S_i) )                      (the top u of length removed)
 *   push d >= 0:   V' = [v, V_0, ..., V_{C-2}],  l' = [d, l_0, ..., l_{C-2}]
 *   read:          r = sum_i min( l_i, relu(1 - S_i) ) V_i                 (the top unit of length)
 * </pre>
 * A pop longer than the top element goes on into the elements below it; a pop of an empty stack
 * removes nothing. Every push shifts the elements down by one (a push of length 0 included), so the
 * stack holds the last {@code C} pushes and the bottom one falls off when it is full. All three are
 * built of {@link Ops} (cumsum, relu, minimum, concat, batchedMatmul), so the tape differentiates
 * them like any other op. Values {@code V [B, C, M]}, lengths {@code l [B, C]}. Stateless.
 */
final class ContinuousStack {

    private ContinuousStack() {
    }

    /** {@code S_i = sum_{j<i} l_j}: the length above each element, {@code [B, C]}. */
    static Tensor lengthAbove(Ops ops, Tensor lengths) {
        return ops.sub(ops.cumsum(lengths, 1), lengths);
    }

    /** The stack's total length {@code L = sum_i l_i}, {@code [B, 1]}. */
    static Tensor length(Ops ops, Tensor lengths) {
        return ops.reshape(ops.sum(lengths, 1), Shape.of(lengths.dim(0), 1));
    }

    /** The lengths after popping {@code u [B, 1]} of length off the top. */
    static Tensor pop(Ops ops, Tensor lengths, Tensor u) {
        Tensor removed = ops.relu(ops.sub(u, lengthAbove(ops, lengths)));
        return ops.relu(ops.sub(lengths, removed));
    }

    /** The values after pushing {@code v [B, M]} on top, the bottom element dropped. */
    static Tensor pushValues(Ops ops, Tensor values, Tensor v) {
        int c = values.dim(1);
        Tensor top = ops.reshape(v, Shape.of(v.dim(0), 1, v.dim(1)));
        return c == 1 ? top : ops.concat(1, List.of(top, ops.slice(values, 1, 0, c - 1)));
    }

    /** The lengths after pushing an element of length {@code d [B, 1]} on top. */
    static Tensor pushLengths(Ops ops, Tensor lengths, Tensor d) {
        int c = lengths.dim(1);
        return c == 1 ? d : ops.concat(1, List.of(d, ops.slice(lengths, 1, 0, c - 1)));
    }

    /** The top unit of length read, {@code r [B, M]}. */
    static Tensor read(Ops ops, Tensor values, Tensor lengths) {
        int batch = lengths.dim(0);
        Tensor weights = ops.minimum(lengths, ops.relu(ops.scale(ops.addScalar(lengthAbove(ops, lengths), -1), -1)));
        Tensor r = ops.batchedMatmul(ops.reshape(weights, Shape.of(batch, 1, lengths.dim(1))), values);
        return ops.reshape(r, Shape.of(batch, values.dim(2)));
    }
}
