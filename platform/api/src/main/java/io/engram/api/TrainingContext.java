package io.engram.api;

import io.engram.tensor.Backend;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Everything a trainer gets for one job, provided by the kernel.
 *
 * <p>Lifecycle: built by the kernel when a job starts, passed to {@link Trainer#train} on the job's
 * thread, and invalid once that call returns. {@link #cancelled()} may become true at any time
 * (user cancel or shutdown); a trainer checks it at least once per batch and returns promptly.
 */
@ProviderType
public interface TrainingContext {

    /** The job's id, for messages. */
    String jobId();

    Network network();

    Backend backend();

    /** Training sequences. */
    Dataset train();

    /** Validation sequences, possibly empty. */
    Dataset validation();

    /** Id of the loss to minimise, such as {@code mse}, {@code softmax-ce} or {@code ctc}. */
    String loss();

    /**
     * The loss to minimise, the service registered under {@link #loss()}. A trainer that takes the
     * loss run by run checks that it is a {@link StepwiseLoss} (see {@link Trainer#checkLoss}).
     *
     * @throws UnsupportedOperationException by a context that knows the loss only by its id
     */
    default Loss lossFunction() {
        throw new UnsupportedOperationException("this training context names its loss '" + loss()
                + "' but does not provide it");
    }

    /** The trainer's validated hyperparameters. */
    Hyperparameters hyper();

    /** The job's seed; trainers derive every random choice from it. */
    long seed();

    /** The application's metrics for the network on {@code data}. */
    Map<String, Double> evaluate(Dataset data);

    /** Reports an event; cheap, and safe to call often. */
    void emit(TrainingEvent event);

    /** True once the job should stop. */
    boolean cancelled();
}
