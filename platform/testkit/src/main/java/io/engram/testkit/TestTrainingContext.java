package io.engram.testkit;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Schema;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A {@link TrainingContext} for tests of trainers and families: it records every event, validates
 * raw trainer hyperparameters against the trainer's schema, and evaluates with a function the test
 * supplies (by default, none: empty metrics).
 *
 * <pre>
 *   TestTrainingContext c = TestTrainingContext.builder(network, backend)
 *       .train(data.train()).validation(data.validation()).loss("softmax-ce")
 *       .hyper(trainer.schema(), Map.of("epochs", "20", "lr", "0.01"))
 *       .evaluator(d -&gt; app.evaluate(network, backend.ops(), d))
 *       .seed(42).build();
 *   TrainingResult r = trainer.train(c);
 *   c.events(TrainingEvent.EpochEnd.class) ...
 * </pre>
 * Used from the thread that trains; {@link #events()} may be read afterwards.
 */
public final class TestTrainingContext implements TrainingContext {
    private final List<TrainingEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Network network;
    private final Backend backend;
    private final Dataset train;
    private final Dataset validation;
    private final String loss;
    private final Hyperparameters hyper;
    private final long seed;
    private final String jobId;
    private final Function<Dataset, Map<String, Double>> evaluator;
    private final BooleanSupplier cancelled;

    private TestTrainingContext(Builder b) {
        this.network = b.network;
        this.backend = b.backend;
        this.train = b.train;
        this.validation = b.validation;
        this.loss = b.loss;
        this.hyper = b.hyper;
        this.seed = b.seed;
        this.jobId = b.jobId;
        this.evaluator = b.evaluator;
        this.cancelled = b.cancelled;
    }

    /** A builder for a context training {@code network} on {@code backend}. */
    public static Builder builder(Network network, Backend backend) {
        return new Builder(network, backend);
    }

    /** Every event emitted so far, in order. */
    public List<TrainingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events of one kind, in order. */
    public <E extends TrainingEvent> List<E> events(Class<E> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
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
        events.add(event);
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    /** Collects the parts of a {@link TestTrainingContext}. */
    public static final class Builder {
        private final Network network;
        private final Backend backend;
        private Dataset train;
        private Dataset validation;
        private String loss = "mse";
        private Hyperparameters hyper = Hyperparameters.empty();
        private long seed = 1L;
        private String jobId = "test";
        private Function<Dataset, Map<String, Double>> evaluator = d -> Map.of();
        private BooleanSupplier cancelled = () -> false;

        private Builder(Network network, Backend backend) {
            this.network = Objects.requireNonNull(network, "network");
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        public Builder train(Dataset data) {
            this.train = data;
            return this;
        }

        /** Validation data; defaults to an empty set of the training data's sizes. */
        public Builder validation(Dataset data) {
            this.validation = data;
            return this;
        }

        /** {@code mse} (the default) or {@code softmax-ce}. */
        public Builder loss(String id) {
            this.loss = id;
            return this;
        }

        /**
         * Raw hyperparameters, validated against {@code schema}.
         *
         * @throws IllegalArgumentException listing every problem, when they do not validate
         */
        public Builder hyper(Schema schema, Map<String, String> raw) {
            this.hyper = schema.validate(raw, "trainer.").getOrElseGet(problems -> {
                throw new IllegalArgumentException("invalid trainer parameters: " + problems.mkString("; "));
            });
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder jobId(String id) {
            this.jobId = id;
            return this;
        }

        /** The application's metrics for a dataset; by default none. */
        public Builder evaluator(Function<Dataset, Map<String, Double>> evaluator) {
            this.evaluator = evaluator;
            return this;
        }

        /** Polled by the trainer at least once per batch. */
        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public TestTrainingContext build() {
            Objects.requireNonNull(train, "train data");
            if (validation == null) {
                validation = new Dataset(List.of(), train.inputSize(), train.outputSize());
            }
            return new TestTrainingContext(this);
        }
    }
}
