package io.engram.api;

import io.engram.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Decoder} whose steps attend over the source steps (Bahdanau, Cho and Bengio 2015; Luong,
 * Pham and Manning 2015): the weights a decode step gave each source step can be read from the state
 * it returned, to show what a prediction looked at. A network offers this through
 * {@link Network#capability(Class)} next to its {@link Decoder}. It is not among the declared
 * {@link Capability} names: whether a network attends depends on its hyperparameters, and no trainer
 * relies on it.
 *
 * <p>Called by one thread at a time, as the network's decoder is.
 */
@ConsumerType
public interface Attention {

    /**
     * The attention weights of the decode step that returned {@code state}: {@code [batch, sourceTime]},
     * each row summing to 1 over the real source steps and 0 on the padding.
     */
    Tensor weights(State state);
}
