package io.engram.train;

import io.engram.api.Hyperparameters;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A trainer that trains by {@link GradientTraining} with a {@link GradientMethod} drawn from its
 * validated hyperparameters alone, implemented beside {@link io.engram.api.Trainer} by the same
 * service object. It lets the platform compute the same gradients elsewhere: the workers of a
 * cluster build the method from the job's hyperparameters and compute their shards' parts of a
 * batch with it ({@link ShardedGradients}). Thread-safe; the method it returns is immutable.
 */
@ConsumerType
public interface GradientTrainer {

    /** The gradient method {@code Trainer.train} passes to {@link GradientTraining#run} for these hyperparameters. */
    GradientMethod gradientMethod(Hyperparameters hyper);
}
