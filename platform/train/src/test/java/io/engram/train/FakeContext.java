package io.engram.train;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A training context for tests: records events, validates raw hyperparameters. */
final class FakeContext implements TrainingContext {
    final List<TrainingEvent> events = new ArrayList<>();
    private final Network network;
    private final Backend backend;
    private final Dataset train;
    private final Dataset validation;
    private final String loss;
    private final Hyperparameters hyper;
    private final long seed;
    private BooleanSupplier cancelled = () -> false;
    private Consumer<TrainingEvent> listener = e -> { };

    FakeContext(Network network, Backend backend, Dataset train, Dataset validation, String loss,
                Map<String, String> hyper, long seed) {
        this.network = network;
        this.backend = backend;
        this.train = train;
        this.validation = validation;
        this.loss = loss;
        this.hyper = TrainingSchema.bptt().validate(hyper, "trainer.").getOrElseGet(problems -> {
                    throw new IllegalArgumentException(problems.mkString("; "));
                });
        this.seed = seed;
    }

    FakeContext cancelWhen(BooleanSupplier condition) {
        this.cancelled = condition;
        return this;
    }

    FakeContext onEvent(Consumer<TrainingEvent> l) {
        this.listener = l;
        return this;
    }

    <E extends TrainingEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String jobId() {
        return "test";
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
        return Map.of("sequences", (double) data.size());
    }

    @Override
    public void emit(TrainingEvent event) {
        events.add(event);
        listener.accept(event);
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }
}
