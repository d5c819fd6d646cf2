package io.engram.api;

import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The environment of a job on an environment; empty for a job on datasets. For a job on an
     * environment {@link #train()} and {@link #validation()} are empty, with the environment's
     * observation and action sizes as their input and output sizes.
     */
    Optional<Environment> environment();

    /**
     * How many worker threads evaluate a population at once (the kernel's {@code jobs.workers});
     * at least 1. Results never depend on it.
     */
    int workers();

    /**
     * The fitness of each candidate on the job's environment, evaluated in parallel on
     * {@link #workers()} threads. Candidate {@code i} is the network with the parameters
     * {@code candidates.get(i)} (parameters it does not name are those of {@link #network()} when the
     * call starts); it runs {@code episodes} episodes, each started from a seed drawn from
     * {@code generationSeed}, {@code i} and the episode's index alone, and its fitness is the mean of
     * its episodes' {@link Episode#fitness()}. Results come back by index and do not depend on the
     * number of workers or the order in which they run.
     *
     * <p>Each worker thread uses {@link Network#initialState} and {@link Network#step} only (never
     * {@link Network#setParameters}), releases the backend when done, and its cost meter is added to
     * the job's. Cancellation is checked before each candidate: once {@link #cancelled()} is true, the
     * candidates not yet started are skipped. Called on the job's thread; blocks until every worker
     * is done.
     *
     * @return a new array, one fitness per candidate; {@code NaN} for a candidate skipped because the
     *         job was cancelled
     * @throws IllegalStateException    when the job has no environment
     * @throws IllegalArgumentException when {@code episodes} is below 1 or a candidate names an
     *                                  unknown parameter
     */
    double[] populationFitness(List<Map<String, Tensor>> candidates, long generationSeed, int episodes);

    /**
     * The loss ({@link #loss()}) of each candidate on {@code data}, summed over the targets and
     * divided by their number, evaluated in parallel as {@link #populationFitness} evaluates fitness:
     * candidate {@code i}'s forward passes are seeded from {@code generationSeed} and {@code i}
     * alone, results come back by index, each worker releases the backend and adds its meter to the
     * job's, and cancellation is checked before each candidate.
     *
     * @return a new array, one loss per candidate (lower is better); {@code NaN} for a candidate
     *         skipped because the job was cancelled
     * @throws IllegalArgumentException when a candidate names an unknown parameter
     */
    double[] populationLoss(List<Map<String, Tensor>> candidates, Dataset data, long generationSeed);

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

    /**
     * A facility of this context beyond the methods above, of the given type: for instance the
     * {@code io.engram.train.ShardedGradients} of a job that runs on a cluster. Trainers and the
     * training loops ask for the types they know and work the same without them. Empty (the
     * default) when the context offers nothing of that type.
     */
    default <T> java.util.Optional<T> facility(Class<T> type) {
        return java.util.Optional.empty();
    }
}
