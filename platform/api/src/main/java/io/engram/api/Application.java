package io.engram.api;

import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task: it loads or generates data, or offers an {@link Environment} to act in, and judges a
 * network with its own metrics.
 *
 * <p>Lifecycle: registered with {@code engram.application=<id>} and, when it offers more than
 * datasets, {@code engram.provides=<kinds>} ({@link PluginProperties#PROVIDES}: {@code dataset},
 * {@code environment} or both; absent: {@link #provides()}). The kernel validates the job's
 * {@code data.*} section against {@link #schema()}; for a job on datasets it calls {@link #load}
 * once per job on the job's thread, and {@link #evaluate} after training (and trainers may call it
 * per epoch); for a job on an environment it calls {@link #environment} once per job instead.
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
    default Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.failure(new UnsupportedOperationException("application '" + id()
                + "' offers no datasets (it provides: " + String.join(", ", provides()) + ")"));
    }

    /**
     * The kinds of task this application offers: {@link PluginProperties#DATASET} (through
     * {@link #load}) and {@link PluginProperties#ENVIRONMENT} (through {@link #environment}). The
     * {@link PluginProperties#PROVIDES} service property, when present, takes precedence. The default
     * offers datasets only.
     */
    default Set<String> provides() {
        return Set.of(PluginProperties.DATASET);
    }

    /**
     * The environment a job with these validated parameters acts in, made once per job; empty (the
     * default) when the application offers none for them. Cheap: it reads no files beyond what the
     * parameters name.
     */
    default Optional<Environment> environment(Hyperparameters params) {
        return Optional.empty();
    }

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
     * The id of the loss that {@link #load} will name in {@link TaskData#loss()} for these
     * parameters, known without loading, so that the kernel can look it up and check it against the
     * trainer when the job is submitted. Empty (the default) when the application cannot tell; the
     * loss is then looked up once the data is loaded.
     */
    default Optional<String> loss(Hyperparameters params) {
        return Optional.empty();
    }

    /**
     * The task's metrics for {@code network} on {@code data}, by name (such as {@code accuracy});
     * higher is better unless the name says otherwise ({@code mae}, {@code loss}). The platform calls
     * the seeded {@link #evaluate(Network, Ops, Dataset, long)}, whose default calls this one; an
     * application whose metrics need no randomness implements only this one. The default gives no
     * metrics (an application that offers no datasets).
     */
    default Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return Map.of();
    }

    /**
     * The task's metrics as {@link #evaluate(Network, Ops, Dataset)} gives them, with every random
     * choice of the evaluation (sampled sequences, noise) drawn from {@code seed}: same network, data
     * and seed, same metrics. An application that runs the network passes the seed on (for example to
     * {@code SequenceOutputs.of(network, ops, data, seed)}), so that a network that draws at inference
     * gives the same metrics for the same seed. The kernel and the trainers call this one. The default
     * ignores the seed and calls the unseeded variant.
     */
    default Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return evaluate(network, ops, data);
    }

    /**
     * What a model trained on {@code data} must keep to be used later (the vocabulary or alphabet
     * the data was encoded with, its normalisation statistics), written into the job's checkpoints
     * next to the network's own {@link Network#payloads()} (a name used by both is an error). None
     * by default.
     */
    default Payloads payloads(TaskData data) {
        return Payloads.empty();
    }

    /**
     * How {@code engram predict} reads users' files for a model trained on this application and
     * writes its results ({@link PredictionFormat}), made from the job's validated {@code data.*}
     * parameters and the checkpoint's payloads (those {@link #payloads} wrote among them); empty (the
     * default) when the application predicts on encoded sequences only.
     */
    default Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        return Optional.empty();
    }

    /**
     * The names of the network's output units, in order (a symbol task's symbols, a classifier's
     * class names, a regression's target columns), for {@code engram predict} to label its outputs
     * with; {@code params} are the job's validated parameters. Must be cheap: it reads no files.
     * Empty (the default) when the outputs have no names.
     */
    default java.util.List<String> outputNames(Hyperparameters params) {
        return java.util.List.of();
    }
}
