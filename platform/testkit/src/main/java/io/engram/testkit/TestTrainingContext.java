package io.engram.testkit;

import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Network;
import io.engram.api.Schema;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import io.engram.train.SimpleTrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Used from the thread that trains; {@link #events()} and {@link #metered()} may be read afterwards.
 * With {@link Builder#workers(int)} populations are evaluated on that many threads, a new one per
 * worker and evaluation.
 */
public final class TestTrainingContext extends SimpleTrainingContext {
    private final List<TrainingEvent> events;
    private final Map<String, Double> metered;

    private TestTrainingContext(SimpleTrainingContext.Builder parts, List<TrainingEvent> events,
                                Map<String, Double> metered) {
        super(parts);
        this.events = events;
        this.metered = metered;
    }

    /** The backend's meter growth on the population workers' threads so far, summed by key. */
    public Map<String, Double> metered() {
        synchronized (metered) {
            return Map.copyOf(metered);
        }
    }

    /** A builder for a context training {@code network} on {@code backend}. */
    public static Builder builder(Network network, Backend backend) {
        return new Builder(network, backend);
    }

    /** A builder for a context training {@code network} on the {@link ReferenceBackend}. */
    public static Builder builder(Network network) {
        return new Builder(network, new ReferenceBackend());
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

    /** Collects the parts of a {@link TestTrainingContext}; job id {@code test} unless set. */
    public static final class Builder {
        private final SimpleTrainingContext.Builder parts;

        private Builder(Network network, Backend backend) {
            this.parts = new SimpleTrainingContext.Builder(network, backend).jobId("test");
        }

        public Builder train(Dataset data) {
            parts.train(data);
            return this;
        }

        /** Validation data; defaults to an empty set of the training data's sizes. */
        public Builder validation(Dataset data) {
            parts.validation(data);
            return this;
        }

        /** {@code mse} (the default) or {@code softmax-ce}. */
        public Builder loss(String id) {
            parts.loss(id);
            return this;
        }

        /** Any loss object, such as a loss plugin's under test. */
        public Builder loss(io.engram.api.Loss loss) {
            parts.loss(loss);
            return this;
        }

        /**
         * Raw hyperparameters, validated against {@code schema}.
         *
         * @throws IllegalArgumentException listing every problem, when they do not validate
         */
        public Builder hyper(Schema schema, Map<String, String> raw) {
            parts.hyper(schema.validate(raw, "trainer.").getOrElseGet(problems -> {
                throw new IllegalArgumentException("invalid trainer parameters: " + problems.mkString("; "));
            }));
            return this;
        }

        public Builder seed(long seed) {
            parts.seed(seed);
            return this;
        }

        public Builder jobId(String id) {
            parts.jobId(id);
            return this;
        }

        /** The application's metrics for a dataset; by default none. */
        public Builder evaluator(Function<Dataset, Map<String, Double>> evaluator) {
            parts.evaluator(evaluator);
            return this;
        }

        /** Polled by the trainer at least once per batch. */
        public Builder cancelled(BooleanSupplier cancelled) {
            parts.cancelled(cancelled);
            return this;
        }

        /** The environment of a job on an environment; training data may then be left out. */
        public Builder environment(Environment environment) {
            parts.environment(environment);
            return this;
        }

        /** Population workers, each on a thread of its own (default 1). */
        public Builder workers(int workers) {
            parts.workers(task -> {
                Thread t = new Thread(task, "test-population");
                t.setDaemon(true);
                t.start();
            }, workers);
            return this;
        }

        public TestTrainingContext build() {
            List<TrainingEvent> events = Collections.synchronizedList(new ArrayList<>());
            Map<String, Double> metered = new LinkedHashMap<>();
            parts.events(events::add);
            parts.meter(m -> {
                synchronized (metered) {
                    m.forEach((k, v) -> metered.merge(k, v, Double::sum));
                }
            });
            return new TestTrainingContext(parts, events, metered);
        }
    }
}
