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
 * The input projection {@code W x_t + b} is one {@link Ops#inputProjection} (of a whole sequence at
 * once, see {@link ElmanLayer}). Stateless.
 */
final class ElmanCell {

    private ElmanCell() {
    }

    /** {@code h_t}, given the input's projection {@code xProj = W x_t + b}: the activation of the net input. */
    static Tensor step(Ops ops, String activation, Tensor xProj, Tensor context, Tensor u) {
        return Activation.apply(ops, activation, ops.add(xProj, ops.matmul(context, u)));
    }

    /**
     * {@code h_t} of every step stacked ({@code [T*B, H]}) for tanh units, given the projections
     * {@code xProjs} of all steps and the context before the first: the fused recurrence
     * {@link io.engram.tensor.RecurrentKernels#elmanSteps}, which is {@link #step} with tanh over each step in turn.
     */
    static Tensor tanhSteps(Ops ops, Tensor xProjs, Tensor context, Tensor u) {
        return ops.kernels().elmanSteps(xProjs, context, u);
    }
}
