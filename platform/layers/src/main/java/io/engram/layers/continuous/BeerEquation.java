package io.engram.layers.continuous;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * The state equation of a continuous-time recurrent neural network, Beer (1995), "On the dynamics of
 * small continuous-time recurrent neural networks", Adaptive Behavior 3(4), eq. 1:
 * <pre>
 *   tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j + theta_j) + I_i
 * </pre>
 * over a batch: {@code y [batch, N]}, the connection weights {@code w [N, N]} (row {@code j}, the
 * sending unit; column {@code i}, the receiving one), the biases {@code theta [N]}, the inverse time
 * constants {@code 1/tau [N]}, and the external input {@code I [batch, N]}, held fixed while the
 * equation is integrated over one input step. {@code sigma} is the logistic function in the paper;
 * any {@link Activation} may be named.
 *
 * <p>Immutable; computes with the ops it holds, so it is used on one thread at a time, like them.
 *
 * @param ops        the ops every derivative is computed with (plain, recording or tangent-carrying)
 * @param activation the name of {@code sigma} ({@link Activation#NAMES})
 * @param w          {@code [N, N]}
 * @param theta      {@code [N]}
 * @param inverseTau {@code [N]}, {@code 1 / tau_i}
 * @param input      {@code [batch, N]}, or null for none
 */
public record BeerEquation(Ops ops, String activation, Tensor w, Tensor theta, Tensor inverseTau, Tensor input)
        implements VectorField {

    /** The firing rates {@code sigma(y + theta)}, {@code [batch, N]}. */
    public Tensor rates(Tensor y) {
        return Activation.apply(ops, activation, ops.add(y, theta));
    }

    /** {@code dy/dt = (-y + sigma(y + theta) w + I) / tau}. */
    @Override
    public Tensor derivative(Tensor y) {
        Tensor net = ops.sub(ops.matmul(rates(y), w), y);
        if (input != null) {
            net = ops.add(net, input);
        }
        return ops.mul(net, inverseTau);
    }
}
