package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * for a run of consecutive steps, and after each optimizer update calls {@link #setParameters}.
 *
 * <p>Thread-safety: {@link #initialState}, {@link #step} and {@link #steps} read nothing of the
 * network that changes (parameters come in {@code params}, states in {@code state}), so several
 * threads may call them at once with distinct parameter maps and states, each with its own
 * {@link StepContext}; a population is evaluated that way on one network. {@link #spec()} and
 * {@link #parameters()} (a snapshot) are safe from any thread. {@link #setParameters} is not: one
 * thread calls it while no other uses the network. The capability views a network returns share these rules.
 *
 * <p>Further abilities are exposed as capability interfaces ({@link Capability}); ask with
 * {@link #capability(Class)}.
 */
public interface Network {

    ModelSpec spec();

    /** The current parameters by name, in a stable order. The map is a read-only snapshot. */
    Map<String, Tensor> parameters();

    /**
     * The names of the parameters a trainer may change, in the order of {@link #parameters()}; the
     * default is all of them. Gradient trainers compute and apply updates for these only and leave
     * the others bit-identical (a reservoir, a fixed input projection); {@link ParameterVector}
     * views these only. Read-only.
     */
    default Set<String> trainable() {
        return parameters().keySet();
    }

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

    /**
     * This network seen through a capability interface ({@link Differentiable},
     * {@link ParameterVector}, {@link LinearReadout}, {@link Associative}, ...), if it has it. The
     * default returns the network itself when it implements {@code type}; a network that offers a
     * capability through another object overrides this. A family declares the name of each
     * capability its networks return ({@link Capability#type}), no more and no fewer.
     */
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
