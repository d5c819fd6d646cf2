package io.engram.api;

import io.engram.tensor.Ops;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task a network acts in, step by step, instead of (or besides) learning from datasets: a
 * control task, a game, a simulated plant. An {@link Application} offers it through
 * {@link Application#environment}.
 *
 * <p>The network sees an observation of {@link #observationSize()} numbers per step (its input
 * size) and answers with an action of {@link #actionSize()} numbers (its output size, the raw
 * output row of the step); the environment says how it reads the action (a sign, an argmax, a
 * force) and rejects one of the wrong length or with a non-finite number.
 *
 * <p>Lifecycle: made by the application for a job's validated {@code data.*} parameters, once per
 * job. {@link #start} begins an independent {@link Episode} from a seed: the same seed gives the
 * same episode, step for step, for the same actions. Every episode ends within {@link #maxSteps()}
 * steps. Thread-safe: {@code start} may be called from several threads at once, and the episodes it
 * returns share nothing mutable; each episode is used by one thread.
 */
@ConsumerType
public interface Environment {

    /** Numbers per observation, the input size of the network that acts; at least 1. */
    int observationSize();

    /** Numbers per action, the output size of the network that acts; at least 1. */
    int actionSize();

    /** The most steps any episode takes before it ends; at least 1. */
    int maxSteps();

    /** A new episode, its start drawn from {@code seed}; same seed, same episode. */
    Episode start(long seed);

    /**
     * The environment's own final test of a trained network, by metric name (a benchmark's success
     * run, its generalisation score), which the kernel reports with the prefix {@code test.} beside
     * the means of its test episodes. Called once per job after training, on the job's thread; runs
     * {@code network} with its own {@link Network#parameters()} from fresh states; every random
     * choice is drawn from {@code seed}. Each value is finite. The default has none.
     */
    default Map<String, Double> test(Network network, Ops ops, long seed) {
        return Map.of();
    }
}
