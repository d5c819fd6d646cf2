package io.engram.family.esn.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The equations of a leaky-integrator echo state network (Jaeger, Lukosevicius, Popovici and
 * Siewert 2007, "Optimization and applications of echo state networks with leaky-integrator
 * neurons", eq. 2 with time constant folded into the leak rate {@code a}; Jaeger and Haas 2004 is
 * the case {@code a = 1}), for a batch of state rows:
 * <pre>
 *   p(t)  = u(t) W_in + b                                       input projection
 *   x(t)  = (1 - a) x(t-1) + a tanh(p(t) + x(t-1) W)            reservoir state
 *   z(t)  = [x(t), u(t)]   (or x(t) without the input)          readout features
 *   y(t)  = z(t) W_out + b_out                                  output
 * </pre>
 * {@code W}, {@code W_in} and {@code b} are fixed; only {@code W_out} and {@code b_out} are
 * trained. Stateless: every weight comes in as an argument, so the same code runs plainly, on a
 * tape and with tangents.
 */
final class EsnCell {
    private EsnCell() {
    }

    /** {@code p = u W_in + b} for input rows {@code u [rows, inputs]}. */
    static Tensor project(Ops ops, Tensor u, Tensor win, Tensor bias) {
        return ops.add(ops.matmul(u, win), bias);
    }

    /** {@code x(t) = (1 - a) x(t-1) + a tanh(p(t) + x(t-1) W)}. */
    static Tensor state(Ops ops, Tensor projected, Tensor previous, Tensor w, double leak) {
        Tensor candidate = ops.tanh(ops.add(projected, ops.matmul(previous, w)));
        return leak == 1.0 ? candidate : ops.add(ops.scale(previous, 1.0 - leak), ops.scale(candidate, leak));
    }

    /** {@code z = [x, u]}, or {@code x} when the readout does not see the input. */
    static Tensor features(Ops ops, Tensor x, Tensor u, boolean withInput) {
        return withInput ? ops.concat(1, List.of(x, u)) : x;
    }

    /** {@code y = z W_out + b_out}. */
    static Tensor output(Ops ops, Tensor z, Tensor wout, Tensor bout) {
        return ops.add(ops.matmul(z, wout), bout);
    }
}
