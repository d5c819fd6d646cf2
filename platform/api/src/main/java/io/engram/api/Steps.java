package io.engram.api;

import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The result of several consecutive time steps run at once ({@link Network#steps}).
 *
 * @param outputs the raw outputs of all steps stacked along the first axis,
 *                {@code [time * batch, outputSize]}: rows {@code t * batch} to
 *                {@code (t + 1) * batch - 1} are those of step {@code t}
 * @param states  the state after each step, {@code time} of them in order; read-only, and a network
 *                may make each one when it is asked for (with the ops of the call, so only while
 *                the tensors of that call are alive)
 */
public record Steps(Tensor outputs, List<State> states) {

    public Steps {
        states = java.util.Collections.unmodifiableList(states);
    }

    /** The state after the last step. */
    public State last() {
        return states.get(states.size() - 1);
    }
}
