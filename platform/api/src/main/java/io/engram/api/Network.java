package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
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
 * once per batch and then, for the time steps, {@link #step} once per step or {@link #steps} once
 * for a run of consecutive steps, and after each optimizer update calls {@link #setParameters}. A
 * network is not thread-safe: one job uses it at a time.
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

    /**
     * {@code contexts.size()} consecutive time steps at once: the inputs of all of them stacked,
     * {@code xs [time * batch, inputSize]} (rows {@code t * batch} to {@code (t + 1) * batch - 1} are
     * step {@code t}'s), the state before the first, and the context of each step. The result equals
     * that of calling {@link #step} for each step in turn, to rounding: a network overrides this to
     * do the work that does not depend on the recurrence once for all steps (the input projection of
     * the whole run as one matrix product, the output map over all its rows), which sums the same
     * terms in another grouping. Like {@code step}, it reads parameters only from {@code params}, so
     * the same code is recorded for BPTT and carries tangents for RTRL.
     *
     * <p>Trainers and the inference paths call this for runs of steps in which every sequence of the
     * batch is present; the default calls {@code step} once per step.
     *
     * @throws IllegalArgumentException when there are no contexts or {@code xs} has not
     *                                  {@code time * batch} rows
     */
    default Steps steps(Ops ops, Map<String, Tensor> params, Tensor xs, State state, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0) {
            throw new IllegalArgumentException("steps: " + time + " steps need inputs [time * batch, inputSize], got "
                    + xs.shape());
        }
        int batch = xs.dim(0) / time;
        List<Tensor> outputs = new ArrayList<>(time);
        List<State> states = new ArrayList<>(time);
        State s = state;
        for (int t = 0; t < time; t++) {
            Tensor x = time == 1 ? xs : ops.slice(xs, 0, t * batch, (t + 1) * batch);
            Step step = step(ops, params, x, s, contexts.get(t));
            outputs.add(step.output());
            s = step.state();
            states.add(s);
        }
        return new Steps(outputs.size() == 1 ? outputs.get(0) : ops.concat(0, outputs), states);
    }

    /** This network seen through a capability interface, if it has it. */
    default <C> Optional<C> capability(Class<C> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * What this network keeps besides its tensors (a vocabulary, an alphabet, normalisation
     * statistics), written into every checkpoint of it and given back to
     * {@link NetworkFamily#restore(ModelSpec, io.engram.tensor.Backend, Map, CheckpointMetadata, Payloads)}.
     * None by default.
     */
    default Payloads payloads() {
        return Payloads.empty();
    }
}
