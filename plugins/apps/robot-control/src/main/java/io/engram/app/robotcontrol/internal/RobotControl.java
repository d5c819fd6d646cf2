package io.engram.app.robotcontrol.internal;

import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Network;
import io.engram.tensor.Ops;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link PoleTask} as an {@link Environment}: one observation per step as the task scales it, one
 * action (the force), episodes of at most {@code maxSteps} steps from the standard start (or a
 * seeded random one), and as its own final test the benchmark's success run and generalisation test
 * ({@link Controller#test}). Immutable and thread-safe; each {@link Episode} belongs to one thread.
 */
final class RobotControl implements Environment {
    private final PoleTask task;

    RobotControl(PoleTask task) {
        this.task = task;
    }

    PoleTask task() {
        return task;
    }

    @Override
    public int observationSize() {
        return task.observationSize();
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int maxSteps() {
        return task.maxSteps();
    }

    @Override
    public PoleEpisode start(long seed) {
        return new PoleEpisode(task, task.randomStart() ? Starts.random(seed) : task.standardStart(), task.maxSteps());
    }

    @Override
    public Map<String, Double> test(Network network, Ops ops, long seed) {
        return new TreeMap<>(Controller.test(network, ops, task));
    }
}
