package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The capability {@link Capability#LINEAR_READOUT}: the network's output is a linear map of
 * features it can collect, {@code y = f W + b}, so that a ridge or least-squares trainer can solve
 * for {@code W} and {@code b} in closed form instead of guessing parameter names:
 * <pre>
 *   F [rows, features] = features(params, batch),   Y [rows, outputs] the targets of those rows
 *   [W; b] = argmin |[F 1] [W; b] - Y|^2 + lambda |W|^2
 * </pre>
 * and write them back with {@link Network#setParameters}.
 *
 * <p>Contract: for every step {@code t} and sequence {@code j} that is present in the batch (step
 * mask 1), the output that {@link Network#step} / {@link Network#steps} give at inference with
 * {@code params} equals, to rounding, row {@code t * batch + j} of {@code features(params, batch)}
 * times {@code params[weights()]} plus {@code params[bias()]}. The features do not depend on the
 * readout's parameters, so solving for them does not change the features.
 *
 * <p>Lifecycle: a view of one network from {@code network.capability(LinearReadout.class)}, valid
 * as long as the network. Not thread-safe: used like the network, by one thread at a time.
 */
@ConsumerType
public interface LinearReadout {

    /** The name of the readout's weight matrix {@code W}, a parameter of shape {@code [features, outputs]}. */
    String weights();

    /** The name of the readout's bias {@code b}, a parameter of shape {@code [outputs]}; empty when there is none. */
    Optional<String> bias();

    /** The width of a feature row: the first dimension of {@code W}. */
    int features();

    /** The width of an output row: the network's output size, the second dimension of {@code W}. */
    int outputs();

    /**
     * The feature rows the readout reads at every step of {@code batch}, from a forward pass at
     * inference (no dropout) with {@code params}: {@code [time * batch, features]}, rows
     * {@code t * batch} to {@code (t + 1) * batch - 1} being step {@code t}'s, as in
     * {@link Steps#outputs()}. Rows of padded steps hold unspecified values; a trainer selects rows
     * with the batch's masks.
     */
    Tensor features(Ops ops, Map<String, Tensor> params, Batch batch);
}
