package io.engram.train.internal;

import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * The state of one of the platform's optimizers, for checkpoints: its step count and its moments
 * by {@code <moment>.<parameter>}. Restoring what {@link #steps()} and {@link #moments()} gave
 * makes the next steps bit-identical to those of the optimizer that gave them. One job, one
 * thread, like the optimizer.
 */
public interface OptimizerState {

    /** Steps taken so far. */
    long steps();

    /** The moment estimates by {@code <moment>.<parameter>}, in a stable order. */
    Map<String, Tensor> moments();

    /**
     * Continues from a saved state.
     *
     * @throws IllegalArgumentException naming a key that is not one of this optimizer's moments
     */
    void resume(long steps, Map<String, Tensor> moments);
}
