package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Network;
import io.engram.api.StepwiseLoss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A way of learning on line: the network runs along one continuing stream, and at the points the
 * method chooses (every step, the end of every block) it hands the gradient gathered since the last
 * such point to {@link Updates}, which changes the weights and gives back the ones to go on with.
 * {@link OnlineTraining} drives it over a dataset's sequences, one stream each.
 *
 * <p>Implementations are immutable and thread-safe; each call is independent, keeps its stream's
 * state (recurrent state, sensitivities) to itself, and never touches the network's stored
 * parameters (it reads them from {@code params} and from what {@code updates} returns).
 */
@FunctionalInterface
public interface OnlineMethod {

    /**
     * Runs {@code network} along {@code stream} (a batch of one sequence) from its initial state.
     *
     * @param ops     the backend's plain ops; the method wraps them for differentiation itself
     * @param params  the parameters at the start of the stream
     * @param seed    seed of the per-step randomness, drawn per step as {@link StreamSteps#context} does
     * @param updates receives each update's gradient
     * @return the summed loss of the stream's steps, each taken with the weights in force at that step
     * @throws IllegalArgumentException when {@code stream} holds more than one sequence
     */
    double run(Ops ops, Network network, Map<String, Tensor> params, Batch stream, StepwiseLoss loss, long seed,
               Updates updates);

    /** Where an {@link OnlineMethod} sends its gradients; called on the method's thread. */
    @FunctionalInterface
    interface Updates {

        /**
         * One update.
         *
         * @param gradientSum the gradient of the summed step losses since the last update, with
         *                    respect to every trainable parameter (not divided by {@code targets})
         * @param lossSum     those steps' summed loss
         * @param targets     how many step losses the sums hold (0 when none of the steps had a target)
         * @return the parameters to go on with (all of them, trainable or not)
         */
        Map<String, Tensor> apply(Map<String, Tensor> gradientSum, double lossSum, int targets);
    }
}
