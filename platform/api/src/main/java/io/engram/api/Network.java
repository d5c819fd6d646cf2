package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.Optional;

/**
 * A built recurrent network: named parameters and a step function written against {@link Ops}.
 *
 * <p>The step is a pure function of its arguments: it reads parameters only from {@code params},
 * never from fields, so that a trainer can pass recorded leaves (reverse mode), tangent-carrying
 * duals (forward mode) or the plain tensors of {@link #parameters()} (inference). Running the same
 * step on the same arguments gives the same result.
 *
 * <p>Lifecycle: created by {@link NetworkFamily#create}; the trainer calls {@link #initialState}
 * once per batch and {@link #step} once per time step, and after each optimizer update calls
 * {@link #setParameters}. A network is not thread-safe: one job uses it at a time.
 *
 * <p>Further abilities are exposed as capability interfaces ({@link Capability}); ask with
 * {@link #capability(Class)}.
 */
public interface Network {

    ModelSpec spec();

    /** The current parameters by name, in a stable order. The map is a read-only snapshot. */
    Map<String, Tensor> parameters();

    /**
     * Replaces parameters by name; each must have the shape and dtype of the one it replaces.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown or misshapen
     */
    void setParameters(Map<String, Tensor> values);

    /** The state before the first step, for a batch of {@code batch} sequences (usually zeros). */
    State initialState(Ops ops, int batch);

    /**
     * One time step: input {@code x [batch, inputSize]} and the previous state give the output and
     * the next state.
     */
    Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context);

    /** This network seen through a capability interface, if it has it. */
    default <C> Optional<C> capability(Class<C> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
