package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A way of computing the gradient of a sequence loss: full or truncated BPTT, or RTRL (see
 * {@link SequenceGradients}). Implementations are immutable and thread-safe; each call is
 * independent and leaves the network untouched (parameters come from {@code params}).
 */
@FunctionalInterface
public interface GradientMethod {

    /**
     * Loss and gradients of {@code network} with parameters {@code params} over {@code batch}.
     *
     * @param ops   the backend's plain ops; the method wraps them for differentiation itself
     * @param seed  seed of the per-step randomness (dropout); the same seed gives the same masks
     */
    LossAndGradients compute(Ops ops, Network network, Map<String, Tensor> params, Batch batch, Loss loss, long seed);
}
