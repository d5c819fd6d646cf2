package io.engram.train;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A training context for tests: records events, validates raw hyperparameters. */
final class FakeContext extends SimpleTrainingContext {
    final List<TrainingEvent> events;
    private final Hooks hooks;

    /** The callbacks a test may still set after the context is built. */
    private static final class Hooks {
        final List<TrainingEvent> events = new ArrayList<>();
        BooleanSupplier cancelled = () -> false;
        Consumer<TrainingEvent> listener = e -> { };

        void emit(TrainingEvent event) {
            events.add(event);
            listener.accept(event);
        }
    }

    FakeContext(Network network, Backend backend, Dataset train, Dataset validation, String loss,
                Map<String, String> hyper, long seed) {
        this(new Hooks(), network, backend, train, validation, loss, hyper, seed);
    }

    private FakeContext(Hooks hooks, Network network, Backend backend, Dataset train, Dataset validation,
                        String loss, Map<String, String> hyper, long seed) {
        super(new SimpleTrainingContext.Builder(network, backend)
                .jobId("test")
                .train(train)
                .validation(validation)
                .loss(loss)
                .hyper(TrainingSchema.bptt().validate(hyper, "trainer.").getOrElseGet(problems -> {
                    throw new IllegalArgumentException(problems.mkString("; "));
                }))
                .seed(seed)
                .evaluator(data -> Map.of("sequences", (double) data.size()))
                .events(hooks::emit)
                .cancelled(() -> hooks.cancelled.getAsBoolean()));
        this.hooks = hooks;
        this.events = hooks.events;
    }

    FakeContext cancelWhen(BooleanSupplier condition) {
        hooks.cancelled = condition;
        return this;
    }

    FakeContext onEvent(Consumer<TrainingEvent> l) {
        hooks.listener = l;
        return this;
    }

    <E extends TrainingEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
