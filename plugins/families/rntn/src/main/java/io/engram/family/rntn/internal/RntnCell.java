package io.engram.family.rntn.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * The composition of the recursive neural tensor network: Socher, Perelygin, Wu, Chuang, Manning,
 * Ng and Potts (2013), "Recursive deep models for semantic compositionality over a sentiment
 * treebank", EMNLP, section 4.4, eq. (3)-(4), with the leaf vectors and the per-node softmax of
 * section 4.1:
 * <pre>
 *   e   = L^T x_w                                        leaf: the word's column of L [V, d]
 *   c   = [c_1; c_2]                                     the children's vectors, 2d
 *   h_k = tanh( c^T V^[k] c + (W^T c)_k + b_k ),  k = 1..d   internal node, eq. (3)
 *   y   = W_s^T h + b_s                                  every node: label scores, W_s [d, O]
 * </pre>
 * The tensor {@code V^[1:d]} has {@code d} slices of {@code 2d x 2d}; it is held as
 * {@code v [4d^2, d]}, row {@code i * 2d + j} and column {@code k} being {@code V^[k]_ij}, so that
 * the bilinear term of a batch is one product: the outer product {@code c (x) c [B, 4d^2]} (a
 * broadcast multiply of {@code [B, 2d, 1]} and {@code [B, 1, 2d]}) times {@code v}. Eq. (4)'s
 * gradient {@code dh/dV^[k] = delta_k c c^T} is what the tape's rules for mul and matmul give.
 * Stateless.
 */
final class RntnCell {

    private RntnCell() {
    }

    /** {@code e = L^T x_w}, {@code [B, d]}. */
    static Tensor leaf(Ops ops, Tensor words, Tensor embedding) {
        return ops.matmul(words, embedding);
    }

    /** The outer products {@code c c^T} of each row, flattened, {@code [B, 4d^2]}. */
    static Tensor outer(Ops ops, Tensor c) {
        int batch = c.dim(0);
        int n = c.dim(1);
        Tensor cc = ops.mul(ops.reshape(c, Shape.of(batch, n, 1)), ops.reshape(c, Shape.of(batch, 1, n)));
        return ops.reshape(cc, Shape.of(batch, n * n));
    }

    /** {@code h = tanh(c^T V^[1:d] c + W^T c + b)} of the children {@code c [B, 2d]}, eq. (3). */
    static Tensor compose(Ops ops, Tensor c, Tensor v, Tensor w, Tensor b) {
        return ops.tanh(ops.add(ops.add(ops.matmul(outer(ops, c), v), ops.matmul(c, w)), b));
    }

    /** {@code y = W_s^T h + b_s}, {@code [B, O]}. */
    static Tensor readout(Ops ops, Tensor h, Tensor w, Tensor b) {
        return ops.add(ops.matmul(h, w), b);
    }
}
