package io.engram.family.jordan.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of a Jordan network: Jordan (1986), "Serial order: a parallel distributed processing
 * approach", ICS Report 8604, UC San Diego. The state units receive the network's output and keep a
 * decaying trace of their own past through a fixed self-connection {@code μ}; the plan (here: the
 * input) and the state drive the hidden units, which drive the outputs (the report describes the
 * update in prose and figures; it numbers no equations):
 * <pre>
 *   h_t     = f(W x_t + U s_t + b)            (hidden units, first layer)
 *   y_t     = V h^L_t + c                     (output units)
 *   s_{t+1} = μ s_t + φ(y_t)                  (state units: self-connection μ plus the output)
 * </pre>
 * {@code φ} is the identity by default ({@code feedback=linear}); tanh, sigmoid or softmax bound what
 * is fed back. The input projection {@code W x_t + b} is one {@link Ops#inputProjection}. Stateless.
 */
final class JordanCell {

    private JordanCell() {
    }

    /** {@code h_t} of the first layer, which sees the state units. */
    static Tensor hidden(Ops ops, String activation, Tensor x, Tensor s, Tensor w, Tensor u, Tensor b) {
        return Activation.apply(ops, activation, ops.add(ops.inputProjection(x, w, b), ops.matmul(s, u)));
    }

    /** {@code h^l_t} of a layer above the first: a feed-forward layer. */
    static Tensor stacked(Ops ops, String activation, Tensor below, Tensor w, Tensor b) {
        return Activation.apply(ops, activation, ops.inputProjection(below, w, b));
    }

    /** {@code s_{t+1}}. */
    static Tensor state(Ops ops, double mu, String feedback, Tensor s, Tensor y) {
        Tensor fed;
        switch (feedback) {
            case "linear": fed = y; break;
            case "tanh": fed = ops.tanh(y); break;
            case "sigmoid": fed = ops.sigmoid(y); break;
            case "softmax": fed = ops.softmax(y, -1); break;
            default: throw new IllegalArgumentException("unknown feedback '" + feedback + "'");
        }
        return ops.add(ops.scale(s, mu), fed);
    }
}
