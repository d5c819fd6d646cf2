package io.engram.train;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss of a network over one batch and its gradient with respect to every parameter, both
 * normalised by the loss's number of terms in the batch ({@code Loss.terms}).
 *
 * @param loss       summed loss divided by {@code targets} (0 when there are none)
 * @param gradients  by parameter name, in the order of the parameters; base tensors of the backend
 * @param targets    the loss's terms in the batch: the (sequence, step) pairs that carried a target for
 *                   a per-step loss, the sequences for a loss per sequence such as CTC
 */
public record LossAndGradients(double loss, Map<String, Tensor> gradients, int targets) {

    public LossAndGradients {
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    }
}
