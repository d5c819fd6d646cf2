package io.engram.train;

import io.engram.api.Sequence;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The loss and gradient of a batch computed where the job's training sequences are kept: by workers
 * that each hold a shard of the training set, each computing the summed loss and gradient of the
 * batch's sequences in its shard, the sums added up (synchronous data-parallel training). A
 * {@link io.engram.api.TrainingContext} of a job that runs on a cluster offers one through
 * {@code facility(ShardedGradients.class)}, and {@link GradientTraining} then computes every batch
 * with it; everything else (clipping, the optimizer step, schedules, early stopping, checkpoints)
 * stays on the caller's side. As each sequence's loss and gradient depend on that sequence and the
 * parameters alone, the result equals the batch computed in one piece to rounding (the sums are
 * added in another order). Per-step randomness (dropout) is drawn by each worker from
 * {@code seed} for its part of the batch, so with dropout the masks differ from one piece's.
 *
 * <p>Lifecycle: made for one job when it starts training and dropped when it ends; called on the
 * job's thread only.
 */
@ConsumerType
public interface ShardedGradients {

    /**
     * Loss and gradients of the job's network with parameters {@code params} over the batch made of
     * {@code batch}, sequences of the context's {@code train()} set in the batch's order,
     * normalised by the loss's terms as {@link GradientMethod#compute} normalises them.
     *
     * @param seed the batch's seed of per-step randomness
     * @throws IllegalArgumentException when a sequence is not one of the training set's
     */
    LossAndGradients compute(Map<String, Tensor> params, List<Sequence> batch, long seed);
}
