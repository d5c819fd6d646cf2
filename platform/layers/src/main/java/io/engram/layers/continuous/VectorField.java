package io.engram.layers.continuous;

import io.engram.tensor.Tensor;

/**
 * The right-hand side {@code dy/dt = f(y)} of an autonomous ordinary differential equation over a
 * batch of states {@code y [batch, units]}, with its inputs held fixed for the duration of one
 * integration interval. An {@link Integrator} calls it one or more times per step.
 *
 * <p>Implementations compute only with the {@link io.engram.tensor.Ops} they were built with and
 * read nothing that changes, so that the whole integration is differentiable. Thread-safety is that
 * of the ops they hold: one thread at a time.
 */
@FunctionalInterface
public interface VectorField {

    /** {@code f(y)}, of the shape of {@code y}. */
    Tensor derivative(Tensor y);
}
