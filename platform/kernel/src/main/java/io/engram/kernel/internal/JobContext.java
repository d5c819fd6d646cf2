package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@link TrainingContext} of one running job: built when the job starts, handed to the trainer
 * on the job's thread, and dropped when {@code train} returns. Evaluation goes to the job's pinned
 * application; events go to the job's record.
 */
final class JobContext implements TrainingContext {

    private final String jobId;
    private final Network network;
    private final Backend backend;
    private final Application application;
    private final Dataset train;
    private final Dataset validation;
    private final String loss;
    private final Hyperparameters hyper;
    private final long seed;
    private final Consumer<TrainingEvent> events;
    private final BooleanSupplier cancelled;

    JobContext(String jobId, Network network, Backend backend, Application application, Dataset train,
               Dataset validation, String loss, Hyperparameters hyper, long seed, Consumer<TrainingEvent> events,
               BooleanSupplier cancelled) {
        this.jobId = jobId;
        this.network = network;
        this.backend = backend;
        this.application = application;
        this.train = train;
        this.validation = validation;
        this.loss = loss;
        this.hyper = hyper;
        this.seed = seed;
        this.events = events;
        this.cancelled = cancelled;
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Dataset train() {
        return train;
    }

    @Override
    public Dataset validation() {
        return validation;
    }

    @Override
    public String loss() {
        return loss;
    }

    @Override
    public Hyperparameters hyper() {
        return hyper;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Map<String, Double> evaluate(Dataset data) {
        return application.evaluate(network, backend.ops(), data);
    }

    @Override
    public void emit(TrainingEvent event) {
        events.accept(event);
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }
}
