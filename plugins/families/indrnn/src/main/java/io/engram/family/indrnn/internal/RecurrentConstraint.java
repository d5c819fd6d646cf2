package io.engram.family.indrnn.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * The constraint on the recurrent weights of Li et al. (2018), section 3.1: the gradient through
 * {@code T} steps of one unit is scaled by {@code u_n^T} (times the activation's derivatives, 1 on
 * the active side of a relu), so keeping it below a largest magnification {@code gamma} asks for
 * {@code |u_n| <= gamma^(1/T)}. Applied as the paper does, by clipping each {@code u_n} into
 * {@code [lower, upper]} after every update: {@link #of} gives {@code [-gamma^(1/T), gamma^(1/T)]}
 * (a horizon of 0 leaves the weights unconstrained); {@link #held} gives
 * {@code [gamma^(-1/T), gamma^(1/T)]}, a memory that can neither fade nor grow by more than
 * {@code gamma} over {@code T} steps. Immutable and thread-safe.
 *
 * @param lower the smallest admitted weight
 * @param upper the largest admitted weight
 */
record RecurrentConstraint(double lower, double upper) {

    /** {@code [-gamma^(1/T), gamma^(1/T)]} for largest magnification {@code gamma} over {@code horizon} steps (0: none). */
    static RecurrentConstraint of(double gamma, int horizon) {
        double b = bound(gamma, horizon);
        return new RecurrentConstraint(-b, b);
    }

    /** {@code [gamma^(-1/T), gamma^(1/T)]}; {@code horizon} must be positive. */
    static RecurrentConstraint held(double gamma, int horizon) {
        double b = bound(gamma, horizon);
        return new RecurrentConstraint(1 / b, b);
    }

    private static double bound(double gamma, int horizon) {
        return horizon == 0 ? Double.POSITIVE_INFINITY : Math.pow(gamma, 1.0 / horizon);
    }

    /** Whether {@code v} satisfies the constraint. */
    boolean admits(double v) {
        return lower <= v && v <= upper;
    }

    /** {@code v} clipped into {@code [lower, upper]}. */
    double clip(double v) {
        return Math.max(lower, Math.min(upper, v));
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
