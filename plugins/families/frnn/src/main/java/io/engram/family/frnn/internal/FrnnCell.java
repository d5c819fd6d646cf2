package io.engram.family.frnn.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * One step of a fully recurrent layer: Williams and Zipser (1989), "A learning algorithm for
 * continually running fully recurrent neural networks", Neural Computation 1(2), section 2, eqs. 1-3:
 * <pre>
 *   z_l(t)   = x_l(t) for an input line, y_l(t) for a unit      (1)
 *   s_k(t)   = Σ_l w_kl z_l(t) + b_k                            (2)  net input over all inputs and units
 *   y_k(t+1) = f_k(s_k(t))                                      (3)
 * </pre>
 * so one weight matrix {@code W} of shape {@code [in + n, n]} connects every input and every unit
 * to every unit; {@code s(t) = [x(t) | y(t)] W + b} is one {@link Ops#inputProjection}. Stateless.
 */
final class FrnnCell {

    private FrnnCell() {
    }

    /** {@code y(t+1)} from {@code x(t)} and {@code y(t)}. */
    static Tensor step(Ops ops, String activation, Tensor x, Tensor y, Tensor w, Tensor b) {
        Tensor z = ops.concat(-1, List.of(x, y));
        Tensor s = ops.inputProjection(z, w, b);
        return Activation.apply(ops, activation, s);
    }
}
