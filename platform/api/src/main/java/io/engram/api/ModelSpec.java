package io.engram.api;

import io.engram.tensor.DType;
import java.util.Objects;

/**
 * What to build: a family, the sizes the data dictates, the element type and the family's validated
 * hyperparameters. Immutable.
 *
 * @param family      family id, such as {@code lstm}
 * @param inputSize   features per time step
 * @param outputSize  outputs per time step
 * @param dtype       element type of parameters and activations
 * @param hyper       values validated against the family's {@link NetworkFamily#schema()}
 */
public record ModelSpec(String family, int inputSize, int outputSize, DType dtype, Hyperparameters hyper) {

    public ModelSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(hyper, "hyper");
        if (inputSize < 0 || outputSize < 0) {
            throw new IllegalArgumentException("sizes must be non-negative: " + inputSize + ", " + outputSize);
        }
    }
}
