package io.engram.family.recursive.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * The composition and the read-out of the recursive neural network: Pollack (1990), "Recursive
 * distributed representations", Artificial Intelligence 46, section 3 (the compressor of the RAAM),
 * with the per-node read-out and the training by backpropagation through structure of Goller and
 * Kuechler (1996), "Learning task-dependent distributed representations by backpropagation through
 * structure", Proc. ICNN, section 2 (the folding architecture), as used by Socher et al. (2013),
 * section 4.1 (eq. 1 and the softmax of section 4.1):
 * <pre>
 *   e = L^T x_w                         leaf: the word's column of the embedding L [V, d]
 *   h = tanh( W^T [c_1; c_2] + b )      internal node: W [2d, d], b [d]
 *   y = W_s^T h + b_s                   every node: scores of the node's label, W_s [d, O]
 * </pre>
 * with {@code c_1, c_2} the vectors of the left and right child. Stateless.
 */
final class RecursiveCell {

    private RecursiveCell() {
    }

    /** {@code e = L^T x_w}, {@code [B, d]}. */
    static Tensor leaf(Ops ops, Tensor words, Tensor embedding) {
        return ops.matmul(words, embedding);
    }

    /** {@code h = tanh(W^T c + b)} of the children {@code c = [c_1; c_2] [B, 2d]}. */
    static Tensor compose(Ops ops, Tensor c, Tensor w, Tensor b) {
        return ops.tanh(ops.add(ops.matmul(c, w), b));
    }

    /** {@code y = W_s^T h + b_s}, {@code [B, O]}. */
    static Tensor readout(Ops ops, Tensor h, Tensor w, Tensor b) {
        return ops.add(ops.matmul(h, w), b);
    }
}
