package io.engram.train;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient clipping by global norm, Pascanu, Mikolov and Bengio 2013, Algorithm 1: with
 * {@code ||g||} the Euclidean norm of all gradients taken together as one vector,
 * <pre>
 *   if ||g|| > c:  g = (c / ||g||) g
 * </pre>
 * Stateless.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** {@code sqrt(sum over tensors of sum of squares)}; NaN or infinite when any element is. */
    public static double globalNorm(Ops ops, Map<String, Tensor> grads) {
        double sumOfSquares = 0.0;
        for (Tensor g : grads.values()) {
            sumOfSquares += ops.sumAll(ops.mul(g, g)).item();
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * The gradients rescaled so that their global norm is at most {@code maxNorm}; unchanged (the
     * same map) when {@code maxNorm <= 0} or the norm is already within it.
     *
     * @param norm the global norm of {@code grads}, as {@link #globalNorm} computed it
     */
    public static Map<String, Tensor> clip(Ops ops, Map<String, Tensor> grads, double norm, double maxNorm) {
        if (maxNorm <= 0 || !(norm > maxNorm)) {
            return grads;
        }
        double factor = maxNorm / norm;
        Map<String, Tensor> out = new LinkedHashMap<>();
        grads.forEach((name, g) -> out.put(name, ops.scale(g, factor)));
        return Collections.unmodifiableMap(out);
    }
}
