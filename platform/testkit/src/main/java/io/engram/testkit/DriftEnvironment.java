package io.engram.testkit;

import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Transition;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test environment: a point starts uniform in [-1, 1] and each action moves it by a tenth of the
 * action clamped to [-1, 1]; the observation is the point and a constant 1, the reward minus its
 * distance from 0, an episode {@value #STEPS} steps; its fitness is the sum of the rewards. Counts
 * the episodes started ({@link #started}). Thread-safe: each episode is its own object.
 */
public final class DriftEnvironment implements Environment {
    public static final int STEPS = 20;
    public final AtomicInteger started = new AtomicInteger();

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int maxSteps() {
        return STEPS;
    }

    @Override
    public Episode start(long seed) {
        started.incrementAndGet();
        double start = new SplittableRandom(seed).nextDouble(-1, 1);
        return new Episode() {
            private double p = start;
            private int t;
            private double fitness;

            @Override
            public double[] observation() {
                return new double[] {p, 1};
            }

            @Override
            public Transition step(double[] action) {
                if (t >= STEPS) {
                    throw new IllegalStateException("ended");
                }
                if (action.length != 1 || !Double.isFinite(action[0])) {
                    throw new IllegalArgumentException("drift action: expected 1 finite number");
                }
                p += 0.1 * Math.max(-1, Math.min(1, action[0]));
                t++;
                fitness -= Math.abs(p);
                return new Transition(observation(), -Math.abs(p), t >= STEPS);
            }

            @Override
            public boolean done() {
                return t >= STEPS;
            }

            @Override
            public double fitness() {
                return fitness;
            }
        };
    }
}
