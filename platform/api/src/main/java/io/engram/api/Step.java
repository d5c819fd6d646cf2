package io.engram.api;

import io.engram.tensor.Tensor;

/**
 * The result of one time step.
 *
 * @param output raw output {@code [batch, outputSize]} (pre-activation: losses apply softmax etc.)
 * @param state  the state to feed into the next step
 */
public record Step(Tensor output, State state) {
}
