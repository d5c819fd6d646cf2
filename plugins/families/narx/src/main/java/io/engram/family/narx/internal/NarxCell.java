package io.engram.family.narx.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * One step of a NARX network: Lin, Horne, Tino and Giles (1996), "Learning long-term dependencies
 * in NARX recurrent neural networks", IEEE Transactions on Neural Networks 7(6), eq. (1), with the
 * function Psi a one-hidden-layer perceptron (section II):
 * <pre>
 *   y(t) = Psi(u(t - n_u), ..., u(t - 1), u(t), y(t - n_y), ..., y(t - 1))
 *   h(t) = f(W_u [u(t); u(t-1); ...; u(t-n_u)] + W_y [y(t-1); ...; y(t-n_y)] + b)
 *   y(t) = g(V h(t) + c)
 * </pre>
 * The recurrence runs only through the tapped delay line of the outputs, so a gradient from
 * {@code y(t)} reaches {@code y(t - n_y)} in one step: the jump-ahead connections that let NARX
 * networks keep information two to three times longer than networks with hidden state (section IV).
 * Delay lines hold the newest value first. Stateless.
 */
final class NarxCell {

    private NarxCell() {
    }

    /** {@code [y(t), uTaps(t+1), yTaps(t+1)]} ({@code uTaps} null without input delays) from {@code u(t)} and the delay lines before the step. */
    static List<Tensor> step(Ops ops, NarxShape shape, Tensor x, Tensor uTaps, Tensor yTaps,
                             Tensor wu, Tensor wy, Tensor b, Tensor v, Tensor c) {
        Tensor in = shape.inputDelays() == 0 ? x : ops.concat(-1, List.of(x, uTaps));
        Tensor a = ops.add(ops.add(ops.matmul(in, wu), ops.matmul(yTaps, wy)), b);
        Tensor h = Activation.apply(ops, shape.activation(), a);
        Tensor z = ops.add(ops.matmul(h, v), c);
        Tensor y = shape.output().equals(NarxShape.LINEAR) ? z : Activation.apply(ops, shape.output(), z);
        return Arrays.asList(y, shift(ops, uTaps, x, shape.inputDelays()),
                shift(ops, yTaps, y, shape.outputDelays()));
    }

    /** The delay line after pushing {@code newest} in front and dropping the oldest; null when it has no taps. */
    static Tensor shift(Ops ops, Tensor taps, Tensor newest, int delays) {
        if (delays == 0) {
            return null;
        }
        if (delays == 1) {
            return newest;
        }
        int width = newest.dim(1);
        return ops.concat(-1, List.of(newest, ops.slice(taps, -1, 0, (delays - 1) * width)));
    }
}
