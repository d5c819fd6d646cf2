package io.engram.family.elman.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of an Elman layer: Elman (1990), "Finding structure in time", Cognitive Science 14,
 * section "Networks with memory" and figure 2. The context units hold a copy of the hidden units'
 * previous activations and feed back into the hidden units through trained weights (the paper states
 * this in prose; it numbers no equations):
 * <pre>
 *   c_t = h_{t-1}                         (context units: a copy, weight 1, not trained)
 *   h_t = f(W x_t + U c_t + b)            (hidden units)
 * </pre>
 * The input projection {@code W x_t + b} is one {@link Ops#inputProjection}. Stateless.
 */
final class ElmanCell {

    private ElmanCell() {
    }

    /** {@code h_t}. */
    static Tensor step(Ops ops, String activation, Tensor x, Tensor context, Tensor w, Tensor u, Tensor b) {
        Tensor net = ops.add(ops.inputProjection(x, w, b), ops.matmul(context, u));
        return Activation.apply(ops, activation, net);
    }
}
