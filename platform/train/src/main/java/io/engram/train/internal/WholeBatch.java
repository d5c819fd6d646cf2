package io.engram.train.internal;

import io.engram.api.BatchOutputs;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loss of a whole padded batch taken at once, for a {@link Loss} that is not a sum of per-step
 * terms (CTC): the network runs over every step with {@link Unroll}, the outputs of all steps are
 * stacked time-major, and the loss sees them together with the batch's targets, masks and labels
 * ({@link BatchOutputs}). All outputs stay alive until the loss is taken, so with a tape the memory
 * is that of full BPTT. Stateless; one thread per call.
 */
public final class WholeBatch {

    private WholeBatch() {
    }

    /**
     * Runs all steps of {@code unroll}'s batch from {@code start} with {@code ops} and returns the
     * summed loss, a scalar of {@code ops}.
     */
    public static Tensor loss(Unroll unroll, Ops ops, Network network, Map<String, Tensor> params, State start,
                              Loss loss, boolean training, long seed) {
        int time = unroll.batch().time();
        List<Tensor> steps = new ArrayList<>(time);
        unroll.run(ops, network, params, start, 0, time, time, null, training, seed, null, steps);
        Tensor outputs = steps.size() == 1 ? steps.get(0) : ops.concat(0, steps);
        return loss.loss(ops, new BatchOutputs(unroll.batch(), outputs, unroll.allTargets(), unroll.allStepMasks(),
                unroll.allLossMasks()));
    }
}
