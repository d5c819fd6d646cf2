package io.engram.testkit;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application for tests of the conformance suite: {@code size} random sequences of 2 to 4 steps
 * from {@link TestData}, metric {@code mean.output}; with a fault it loads other data on every call,
 * reports a NaN metric, or under-states its shape. Thread-safe.
 */
final class ToyApplication implements Application {
    enum Fault { NONE, UNSEEDED, NAN_METRIC, SMALL_SHAPE }

    private final Fault fault;
    private final AtomicLong calls = new AtomicLong();

    ToyApplication(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public String description() {
        return "Random sequences, for tests of the conformance suite.";
    }

    @Override
    public Schema schema() {
        return Schema.of(HyperParameter.integer("size", 6, 1, 1000, "Sequences in each set."));
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        int n = params.getInt("size");
        long s = fault == Fault.UNSEEDED ? seed + calls.incrementAndGet() : seed;
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 2 + i % 3;
        }
        Dataset train = TestData.random(s, 2, 2, lengths);
        Dataset validation = TestData.random(s + 1, 2, 2, lengths);
        return Try.success(new TaskData(train, validation, new Dataset(java.util.List.of(), 2, 2), "mse", "toy " + s,
                String.format("%064x", s)));
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        long n = params.getInt("size");
        long sequences = fault == Fault.SMALL_SHAPE ? n : 2 * n;
        return Optional.of(new DataShape("data.size", sequences, 2 * n * 4, 4, 2, 2, 0));
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return Map.of("mean.output", fault == Fault.NAN_METRIC ? Double.NaN : 0.5);
    }
}
