package io.engram.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one step of an {@link Episode} gives back. Immutable: the observation is copied in and out.
 *
 * @param observation the observation after the step
 * @param reward      the step's reward
 * @param done        whether the episode ended with this step
 */
public record Transition(double[] observation, double reward, boolean done) {

    public Transition {
        observation = Objects.requireNonNull(observation, "observation").clone();
    }

    /** A copy of the observation after the step. */
    @Override
    public double[] observation() {
        return observation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transition t && Arrays.equals(observation, t.observation)
                && Double.compare(reward, t.reward) == 0 && done == t.done;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(observation) + Double.hashCode(reward)) + Boolean.hashCode(done);
    }

    @Override
    public String toString() {
        return "Transition[observation=" + Arrays.toString(observation) + ", reward=" + reward + ", done=" + done + "]";
    }
}
