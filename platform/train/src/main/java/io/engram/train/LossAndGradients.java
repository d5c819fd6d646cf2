package io.engram.train;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss of a network over one batch and its gradient with respect to every parameter, both
 * normalised by the number of targets in the batch.
 *
 * @param loss       summed step losses divided by {@code targets} (0 when there are none)
 * @param gradients  by parameter name, in the order of the parameters; base tensors of the backend
 * @param targets    number of (sequence, step) pairs that carried a target
 */
public record LossAndGradients(double loss, Map<String, Tensor> gradients, int targets) {

    public LossAndGradients {
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    }
}
