package io.engram.family.indrnn.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * The constraint on the recurrent weights of Li et al. (2018), section 3.1: the gradient through
 * {@code T} steps of one unit is scaled by {@code u_n^T} (times the activation's derivatives, 1 on
 * the active side of a relu), so keeping it below a largest magnification {@code gamma} asks for
 * {@code |u_n| <= gamma^(1/T)}. Applied as the paper does, by clipping each {@code u_n} into
 * {@code [-bound, bound]} after every update. A horizon of 0 leaves the weights unconstrained.
 * Immutable and thread-safe.
 *
 * @param bound {@code gamma^(1/T)}, or positive infinity without a horizon
 */
record RecurrentConstraint(double bound) {

    /** The bound for largest magnification {@code gamma} over {@code horizon} steps (0: none). */
    static RecurrentConstraint of(double gamma, int horizon) {
        return new RecurrentConstraint(horizon == 0 ? Double.POSITIVE_INFINITY : Math.pow(gamma, 1.0 / horizon));
    }

    /** Whether {@code v} satisfies the constraint. */
    boolean admits(double v) {
        return Math.abs(v) <= bound;
    }

    /** {@code v} clipped into {@code [-bound, bound]}. */
    double clip(double v) {
        return Math.max(-bound, Math.min(bound, v));
    }

    /** {@code u} clipped elementwise; {@code u} itself, bit for bit, when every element is admitted. */
    Tensor project(Ops ops, Tensor u) {
        double[] v = u.toDoubleArray();
        boolean inside = true;
        for (int i = 0; i < v.length; i++) {
            if (!admits(v[i])) {
                v[i] = clip(v[i]);
                inside = false;
            }
        }
        return inside ? u : ops.fromArray(u.dtype(), u.shape(), v);
    }
}
