package io.engram.family.rmlp.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of one layer of a recurrent multilayer perceptron (Tutschku 1995, "Recurrent multilayer
 * perceptrons for identification and control: the road to applications", Würzburg report 118,
 * section 2; Puskorius and Feldkamp 1994, "Neurocontrol of nonlinear dynamical systems with Kalman
 * filter trained recurrent networks", IEEE Trans. Neural Networks 5(2), section II): layer
 * {@code l} sees the layer below at the same step and its own units at the previous step through a
 * full recurrent matrix; there are no connections between layers backwards in time:
 * <pre>
 *   h^0_t = x_t
 *   h^l_t = f(h^{l-1}_t W_l + h^l_{t-1} U_l + b_l)      l = 1..L
 *   y_t   = h^L_t V + c
 * </pre>
 * Stateless.
 */
final class RmlpCell {

    private RmlpCell() {
    }

    /** {@code h^l_t} from the layer below {@code below = h^{l-1}_t} and the layer's own {@code h = h^l_{t-1}}. */
    static Tensor step(Ops ops, String activation, Tensor below, Tensor h, Tensor w, Tensor u, Tensor b) {
        return Activation.apply(ops, activation, ops.add(ops.inputProjection(below, w, b), ops.matmul(h, u)));
    }
}
