package io.engram.train;

import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.TrainingContext;
import io.engram.api.TrainerState;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import io.engram.train.internal.Candidates;
import io.engram.train.internal.Population;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TrainingContext} made of the parts a {@link Builder} collects
 * ({@code new SimpleTrainingContext.Builder(network, backend).train(data)...build()}): the job's
 * network, backend, data (or environment), loss, validated hyperparameters and seed, plus four
 * callbacks (evaluation, the event sink, the cancellation flag and the checkpoint sink), the trainer
 * state to resume from, if any, and for populations the executor and number of workers and a sink
 * for the workers' meter readings.
 *
 * <p>Lifecycle: built when a job starts, handed to {@code Trainer.train} on the thread that trains,
 * and dropped when {@code train} returns. Its fields never change; the callbacks run on the training
 * thread, and the context adds no locking of its own: a callback that shares state with other
 * threads (a job record, a cancellation flag) makes that state thread-safe itself. Populations are
 * evaluated on the workers' threads ({@code io.engram.train.internal.Population}); there the
 * cancellation flag is polled and the meter sink called from those threads, so both must be
 * thread-safe.
 */
public class SimpleTrainingContext implements TrainingContext {
    private final String jobId;
    private final Network network;
    private final Backend backend;
    private final Dataset train;
    private final Dataset validation;
    private final String loss;
    private final Loss lossFunction;
    private final Hyperparameters hyper;
    private final long seed;
    private final Function<Dataset, Map<String, Double>> evaluator;
    private final Consumer<TrainingEvent> events;
    private final BooleanSupplier cancelled;
    private final Optional<Environment> environment;
    private final Population population;
    private final Candidates candidates;
    private final TrainerState resumeState;
    private final Consumer<TrainerState> checkpoints;
    private final Optional<ShardedGradients> sharded;

    /**
     * A context of the builder's parts as they are now.
     *
     * @throws NullPointerException when the builder has neither training data nor an environment
     */
    protected SimpleTrainingContext(Builder b) {
        this.jobId = b.jobId;
        this.network = b.network;
        this.backend = b.backend;
        this.environment = Optional.ofNullable(b.environment);
        this.train = b.train != null || b.environment == null ? Objects.requireNonNull(b.train, "train data")
                : new Dataset(List.of(), b.environment.observationSize(), b.environment.actionSize());
        this.validation = b.validation != null ? b.validation
                : new Dataset(List.of(), train.inputSize(), train.outputSize());
        this.loss = b.lossFunction != null ? b.lossFunction.id() : b.loss;
        this.lossFunction = b.lossFunction != null ? b.lossFunction : Losses.ids().contains(b.loss) ? Losses.of(b.loss)
                : null;
        this.hyper = b.hyper;
        this.seed = b.seed;
        this.evaluator = b.evaluator;
        this.events = b.events;
        this.cancelled = b.cancelled;
        this.population = new Population(b.backend, b.executor, b.workers, b.cancelled, b.meterSink);
        this.candidates = new Candidates(b.network, population, environment, this::lossFunction,
                Optional.ofNullable(b.remotePopulation));
        this.sharded = Optional.ofNullable(b.sharded);
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

    /**
     * The loss given to the builder as an object, else the built-in {@link Losses} of that id.
     *
     * @throws UnsupportedOperationException when the loss was named by an id that is not built in
     */
    @Override
    public Loss lossFunction() {
        if (lossFunction == null) {
            throw new UnsupportedOperationException("loss '" + loss + "' was named by its id only and is not one of "
                    + Losses.ids() + ": give the builder the loss object");
        }
        return lossFunction;
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
    public Optional<Environment> environment() {
        return environment;
    }

    @Override
    public int workers() {
        return population.workers();
    }

    @Override
    public double[] populationFitness(List<Map<String, Tensor>> candidates, long generationSeed, int episodes) {
        return this.candidates.fitness(candidates, generationSeed, episodes);
    }

    @Override
    public double[] populationLoss(List<Map<String, Tensor>> candidates, Dataset data, long generationSeed) {
        return this.candidates.loss(candidates, data, generationSeed);
    }

    /** The {@link ShardedGradients} given to the builder, when asked for that type; else empty. */
    @Override
    public <T> Optional<T> facility(Class<T> type) {
        return sharded.filter(type::isInstance).map(type::cast);
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
     * Collects the parts of a {@link SimpleTrainingContext}; only the training data, or an
     * environment, is required. Defaults: job id {@code job}, loss {@code mse}, no hyperparameters,
     * seed 1, no metrics, events dropped, never cancelled, validation data empty with the training
     * data's sizes (with an environment and no data: training data empty too, with the environment's
     * sizes), one population worker on a new thread per evaluation, meter readings dropped.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Network network;
        private final Backend backend;
        private String jobId = "job";
        private Dataset train;
        private Dataset validation;
        private String loss = "mse";
        private Loss lossFunction;
        private Hyperparameters hyper = Hyperparameters.empty();
        private long seed = 1L;
        private Function<Dataset, Map<String, Double>> evaluator = d -> Map.of();
        private Consumer<TrainingEvent> events = e -> { };
        private BooleanSupplier cancelled = () -> false;
        private Environment environment;
        private Executor executor = Builder::newThread;
        private int workers = 1;
        private Consumer<Map<String, Double>> meterSink = m -> { };
        private TrainerState resumeState;
        private Consumer<TrainerState> checkpoints = s -> { };
        private ShardedGradients sharded;
        private PopulationEvaluator remotePopulation;

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

        /** A built-in loss by id: {@code mse} or {@code softmax-ce} ({@link Losses}). */
        public Builder loss(String id) {
            this.loss = id;
            this.lossFunction = null;
            return this;
        }

        /** The loss to minimise, such as a registered {@code engram.loss} service. */
        public Builder loss(Loss loss) {
            this.lossFunction = Objects.requireNonNull(loss, "loss");
            this.loss = loss.id();
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

        /** The environment of a job on an environment. */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Where populations are evaluated: up to {@code workers} tasks at once on {@code executor}
         * (the kernel's pool of {@code jobs.workers} threads).
         */
        public Builder workers(Executor executor, int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.executor = Objects.requireNonNull(executor, "executor");
            this.workers = workers;
            return this;
        }

        /**
         * Receives, from each population worker thread that ends its share of an evaluation, the
         * growth of the backend's meter ({@code Backend.meter()}) on that thread; called from the
         * workers' threads.
         */
        public Builder meter(Consumer<Map<String, Double>> sink) {
            this.meterSink = Objects.requireNonNull(sink, "meter");
            return this;
        }

        private static void newThread(Runnable task) {
            Thread t = new Thread(task, "engram-population");
            t.setDaemon(true);
            t.start();
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

        /**
         * Computes every batch of {@link GradientTraining} with {@code sharded}, offered as the
         * context's {@code facility(ShardedGradients.class)}; null (the default) computes them here.
         */
        public Builder shardedGradients(ShardedGradients sharded) {
            this.sharded = sharded;
            return this;
        }

        /**
         * Evaluates populations with {@code evaluator} (on a cluster) instead of on the workers'
         * threads; null (the default) evaluates them here.
         */
        public Builder populationEvaluator(PopulationEvaluator evaluator) {
            this.remotePopulation = evaluator;
            return this;
        }

        public SimpleTrainingContext build() {
            return new SimpleTrainingContext(this);
        }
    }
}
