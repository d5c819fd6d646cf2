package io.engram.api;

import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task: it loads or generates data and judges a network on it with its own metrics.
 *
 * <p>Lifecycle: registered with {@code engram.application=<id>}. The kernel validates the job's
 * {@code data.*} section against {@link #schema()}, calls {@link #load} once per job on the job's
 * thread, and {@link #evaluate} after training (and trainers may call it per epoch).
 * Implementations are stateless and thread-safe.
 */
@ConsumerType
public interface Application {

    String id();

    String description();

    Schema schema();

    /**
     * Loads or generates the task's data; the same parameters and seed give the same data. A
     * failure carries a message naming the file and line, or the parameter, at fault.
     */
    Try<TaskData> load(Hyperparameters params, long seed);

    /**
     * The shape of the data {@link #load} would give for these parameters, known without loading it
     * (from the parameters, or from the size and first line of the input files), so that the kernel
     * can refuse at validation a job that would not fit in memory. Called at validation with the
     * validated parameters, {@link ParamType#INPUT_FILE} paths already resolved; must be cheap and
     * must not read more of a file than its first line. Upper bounds are fine. Empty (the default)
     * when the application cannot tell; the kernel then estimates from the model alone.
     */
    default Optional<DataShape> shape(Hyperparameters params) {
        return Optional.empty();
    }

    /**
     * The task's metrics for {@code network} on {@code data}, by name (such as {@code accuracy});
     * higher is better unless the name says otherwise ({@code mae}, {@code loss}).
     */
    Map<String, Double> evaluate(Network network, Ops ops, Dataset data);

    /**
     * What a model trained on {@code data} must keep to be used later (the vocabulary or alphabet
     * the data was encoded with, its normalisation statistics), written into the job's checkpoints
     * next to the network's own {@link Network#payloads()} (a name used by both is an error). None
     * by default.
     */
    default Payloads payloads(TaskData data) {
        return Payloads.empty();
    }
}
