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

    /** Id of the loss to minimise: {@code mse} or {@code softmax-ce}. */
    String loss();

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

    /**
     * The state to continue from when this job resumes from a checkpoint after an interruption
     * (the {@link TrainerState} the trainer last gave {@link #checkpoint}); the network's parameters
     * are already those of that checkpoint. Empty for a fresh job (the default).
     */
    default java.util.Optional<TrainerState> resumeState() {
        return java.util.Optional.empty();
    }

    /**
     * Offers a checkpoint: the network's parameters as they are now, with {@code state}, from which
     * {@link #resumeState()} would continue. A trainer offers one at each epoch end, before it emits
     * {@link TrainingEvent.EpochEnd}; the context writes it when that event is due a checkpoint and
     * drops it otherwise. Cheap; the default drops it.
     */
    default void checkpoint(TrainerState state) {
    }
}
