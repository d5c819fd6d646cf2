package io.engram.family.clockwork.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of a clockwork RNN: Koutnik, Greff, Gomez and Schmidhuber (2014), "A Clockwork RNN",
 * ICML, section 3, equations 1 to 3. The hidden units form {@code g} modules of {@code k} units with
 * periods {@code T_1 .. T_g}; at step {@code t} only the modules with {@code t mod T_i = 0} are
 * computed, the others keep their state:
 * <pre>
 *   a_t      = f_H(W_H h_{t-1} + W_I x_t)                         (eq. 1, with a bias)
 *   h_t^(i)  = a_t^(i)          if t mod T_i = 0                  (eq. 3: the rows of the active modules)
 *            = h_{t-1}^(i)      otherwise
 *   y_t      = f_O(W_O h_t)                                       (eq. 2, f_O the identity here)
 * </pre>
 * {@code W_H} is block upper-triangular (eq. 3): module {@code j} feeds module {@code i} only if
 * {@code T_j >= T_i}, slower modules to faster ones. In the row-vector form used here
 * ({@code h U}, {@code U = W_H^T}) the {@link ClockworkMasks#recurrent mask} zeroes the forbidden
 * entries of {@code U} on every step, so that they stay at zero and get no gradient; the
 * {@link ClockworkMasks#active active mask} {@code m_t} is 1 on the units of the active modules:
 * <pre>
 *   h_t = h_{t-1} + m_t * (f(x_t W + h_{t-1} (U * M) + b) - h_{t-1})
 * </pre>
 * Stateless.
 */
final class ClockworkCell {

    private ClockworkCell() {
    }

    /** {@code h_t} from {@code h_{t-1}}, the input's projection {@code xProj = x_t W + b}, the masked {@code U * M} and {@code m_t}. */
    static Tensor step(Ops ops, String activation, Tensor xProj, Tensor h, Tensor maskedU, Tensor active) {
        Tensor a = Activation.apply(ops, activation, ops.add(xProj, ops.matmul(h, maskedU)));
        return ops.add(h, ops.mul(active, ops.sub(a, h)));
    }
}
