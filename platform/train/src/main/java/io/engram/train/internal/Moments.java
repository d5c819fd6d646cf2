package io.engram.train.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers the optimizers share: per-parameter state maps and an elementwise square root. */
final class Moments {

    private Moments() {
    }

    /** The state of {@code name}, zeros shaped like {@code like} on first use. */
    static Tensor get(Map<String, Tensor> state, String name, Ops ops, Tensor like) {
        Tensor t = state.get(name);
        return t != null ? t : ops.zeros(like.dtype(), like.shape());
    }

    /**
     * Elementwise square root of a non-negative tensor, as {@code exp(log(a) / 2)} since the op
     * vocabulary has no root; zeros map to zero.
     */
    static Tensor sqrt(Ops ops, Tensor a) {
        return ops.exp(ops.scale(ops.log(a), 0.5));
    }

    static Map<String, Tensor> newMap() {
        return new LinkedHashMap<>();
    }

    static Tensor gradient(Map<String, Tensor> grads, String name) {
        Tensor g = grads.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no gradient for parameter '" + name + "'");
        }
        return g;
    }
}
