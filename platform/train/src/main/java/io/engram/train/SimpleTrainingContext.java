package io.engram.train;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.TrainingContext;
import io.engram.api.TrainerState;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TrainingContext} made of the parts a {@link Builder} collects
 * ({@code new SimpleTrainingContext.Builder(network, backend).train(data)...build()}): the job's
 * network, backend, data, loss, validated hyperparameters and seed, plus four callbacks
 * (evaluation, the event sink, the cancellation flag and the checkpoint sink), and the trainer state
 * to resume from, if any.
 *
 * <p>Lifecycle: built when a job starts, handed to {@code Trainer.train} on the thread that trains,
 * and dropped when {@code train} returns. Its fields never change; the callbacks run on the training
 * thread, and the context adds no locking of its own: a callback that shares state with other
 * threads (a job record, a cancellation flag) makes that state thread-safe itself.
 */
public class SimpleTrainingContext implements TrainingContext {
    private final String jobId;
    private final Network network;
    private final Backend backend;
    private final Dataset train;
    private final Dataset validation;
    private final String loss;
    private final Hyperparameters hyper;
    private final long seed;
    private final Function<Dataset, Map<String, Double>> evaluator;
    private final Consumer<TrainingEvent> events;
    private final BooleanSupplier cancelled;
    private final TrainerState resumeState;
    private final Consumer<TrainerState> checkpoints;

    /**
     * A context of the builder's parts as they are now.
     *
     * @throws NullPointerException when the builder has no training data
     */
    protected SimpleTrainingContext(Builder b) {
        this.jobId = b.jobId;
        this.network = b.network;
        this.backend = b.backend;
        this.train = Objects.requireNonNull(b.train, "train data");
        this.validation = b.validation != null ? b.validation
                : new Dataset(List.of(), b.train.inputSize(), b.train.outputSize());
        this.loss = b.loss;
        this.hyper = b.hyper;
        this.seed = b.seed;
        this.evaluator = b.evaluator;
        this.events = b.events;
        this.cancelled = b.cancelled;
        this.resumeState = b.resumeState;
        this.checkpoints = b.checkpoints;
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
        return evaluator.apply(data);
    }

    @Override
    public void emit(TrainingEvent event) {
        events.accept(event);
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public Optional<TrainerState> resumeState() {
        return Optional.ofNullable(resumeState);
    }

    @Override
    public void checkpoint(TrainerState state) {
        checkpoints.accept(Objects.requireNonNull(state, "state"));
    }

    /**
     * Collects the parts of a {@link SimpleTrainingContext}; only the training data is required.
     * Defaults: job id {@code job}, loss {@code mse}, no hyperparameters, seed 1, no metrics,
     * events dropped, never cancelled, and validation data empty with the training data's sizes.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Network network;
        private final Backend backend;
        private String jobId = "job";
        private Dataset train;
        private Dataset validation;
        private String loss = "mse";
        private Hyperparameters hyper = Hyperparameters.empty();
        private long seed = 1L;
        private Function<Dataset, Map<String, Double>> evaluator = d -> Map.of();
        private Consumer<TrainingEvent> events = e -> { };
        private BooleanSupplier cancelled = () -> false;
        private TrainerState resumeState;
        private Consumer<TrainerState> checkpoints = s -> { };

        /** A builder for a context training {@code network} on {@code backend}. */
        public Builder(Network network, Backend backend) {
            this.network = Objects.requireNonNull(network, "network");
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        public Builder jobId(String id) {
            this.jobId = Objects.requireNonNull(id, "jobId");
            return this;
        }

        public Builder train(Dataset data) {
            this.train = data;
            return this;
        }

        public Builder validation(Dataset data) {
            this.validation = data;
            return this;
        }

        /** {@code mse} or {@code softmax-ce}. */
        public Builder loss(String id) {
            this.loss = id;
            return this;
        }

        /** The trainer's hyperparameters, already validated against its schema. */
        public Builder hyper(Hyperparameters hyper) {
            this.hyper = Objects.requireNonNull(hyper, "hyper");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The application's metrics for a dataset. */
        public Builder evaluator(Function<Dataset, Map<String, Double>> evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /** Receives every event the trainer emits, in order, on the training thread. */
        public Builder events(Consumer<TrainingEvent> sink) {
            this.events = Objects.requireNonNull(sink, "events");
            return this;
        }

        /** Polled by the trainer at least once per batch. */
        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
            return this;
        }

        /** The state to continue from, when the job resumes from a checkpoint; null (the default) for none. */
        public Builder resumeState(TrainerState state) {
            this.resumeState = state;
            return this;
        }

        /** Receives the states the trainer offers for checkpoints, on the training thread; dropped by default. */
        public Builder checkpoints(Consumer<TrainerState> sink) {
            this.checkpoints = Objects.requireNonNull(sink, "checkpoints");
            return this;
        }

        public SimpleTrainingContext build() {
            return new SimpleTrainingContext(this);
        }
    }
}
