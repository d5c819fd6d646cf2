package io.engram.api;

import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The recurrent state a network carries from one step to the next, as an ordered list of tensors
 * whose first axis is the batch (for an LSTM: h and c of each layer). Immutable.
 */
public record State(List<Tensor> tensors) {

    public State {
        tensors = List.copyOf(tensors);
    }

    public static State of(Tensor... tensors) {
        return new State(List.of(tensors));
    }

    public Tensor get(int i) {
        return tensors.get(i);
    }

    public int size() {
        return tensors.size();
    }
}
