package io.engram.api;

import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.Map;
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
     * The task's metrics for {@code network} on {@code data}, by name (such as {@code accuracy});
     * higher is better unless the name says otherwise ({@code mae}, {@code loss}).
     */
    Map<String, Double> evaluate(Network network, Ops ops, Dataset data);
}
