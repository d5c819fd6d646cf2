package io.engram.family.nnpda.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * One step of the controller of the neural network pushdown automaton: Sun, Giles, Chen and Lee
 * (1993), "The neural network pushdown automaton: model, stack and learning simulations",
 * UMIACS-TR-93-77, the state and action equations of the model (Das, Giles and Sun 1992 likewise;
 * (1) and (2) below are labels here, not the paper's numbering). The state units
 * {@code s}, the one-hot input symbol {@code x} and the stack's top reading {@code r} meet in
 * higher-order products:
 * <pre>
 *   s_i(t+1) = g( sum_{j,k,l} W^s_ijkl s~_j(t) x_k(t) r~_l(t) + b^s_i ),   g(z) = 1 / (1 + e^-z)   (1)
 *   a(t)     = f( sum_{j,k,l} W^a_jkl  s~_j(t) x_k(t) r~_l(t) + b^a ),     f = tanh, a in [-1, 1]  (2)
 * </pre>
 * where {@code s~ = (1, s)} and {@code r~ = (1, r)} carry a constant unit, so that the lower-order
 * terms (the state and symbol without the reading, the symbol alone) are there too and an empty
 * stack ({@code r = 0}) does not silence the products. The action {@code a(t)} drives the
 * {@link ContinuousStack}: push the symbol {@code x(t)} with length {@code a} when {@code a > 0},
 * pop {@code |a|} when {@code a < 0}. As ops: the outer product {@code s~ (x) x (x) r~} of each
 * sequence, broadcast as {@code [B, N+1, 1, 1] * [B, 1, K, 1] * [B, 1, 1, M+1]} and flattened to
 * {@code [B, (N+1) K (M+1)]} (row {@code (j K + k)(M+1) + l}), times {@code w [(N+1)K(M+1), N]}
 * and {@code w.action [(N+1)K(M+1), 1]}. Stateless.
 */
final class NnpdaController {

    private NnpdaController() {
    }

    /** The products {@code s~_j x_k r~_l}, {@code [B, (N+1) K (M+1)]}. */
    static Tensor products(Ops ops, Tensor s, Tensor x, Tensor r) {
        int batch = s.dim(0);
        Tensor sOne = withOne(ops, s);
        Tensor rOne = withOne(ops, r);
        int n = sOne.dim(1);
        int k = x.dim(1);
        int m = rOne.dim(1);
        Tensor sx = ops.mul(ops.reshape(sOne, Shape.of(batch, n, 1, 1)), ops.reshape(x, Shape.of(batch, 1, k, 1)));
        Tensor sxr = ops.mul(sx, ops.reshape(rOne, Shape.of(batch, 1, 1, m)));
        return ops.reshape(sxr, Shape.of(batch, n * k * m));
    }

    /** {@code s(t+1) [B, N]}, eq. (1). */
    static Tensor state(Ops ops, Tensor products, Tensor w, Tensor b) {
        return ops.sigmoid(ops.add(ops.matmul(products, w), b));
    }

    /** {@code a(t) [B, 1]}, eq. (2). */
    static Tensor action(Ops ops, Tensor products, Tensor w, Tensor b) {
        return ops.tanh(ops.add(ops.matmul(products, w), b));
    }

    /** The action rounded to a discrete stack operation: 1 (push) above 0.5, -1 (pop) below -0.5, else 0. */
    static Tensor quantized(Ops ops, Tensor a) {
        return ops.sub(ops.heaviside(ops.addScalar(a, -0.5)), ops.heaviside(ops.addScalar(ops.scale(a, -1), -0.5)));
    }

    /** {@code (1, v)} of each row. */
    private static Tensor withOne(Ops ops, Tensor v) {
        return ops.concat(1, List.of(ops.full(v.dtype(), Shape.of(v.dim(0), 1), 1.0), v));
    }
}
