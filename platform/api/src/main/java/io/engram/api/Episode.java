package io.engram.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of an {@link Environment} from its seeded start to its end.
 *
 * <p>Lifecycle: {@link Environment#start} makes it with the first observation ready; the caller
 * reads {@link #observation()}, chooses an action and calls {@link #step} until a
 * {@link Transition#done()} (or {@link #done()}) is true, which happens within
 * {@link Environment#maxSteps()} steps. {@link #fitness()} may be read at any time and is the
 * episode's final fitness once it has ended. Not thread-safe: an episode belongs to the thread that
 * runs it.
 */
@ConsumerType
public interface Episode {

    /** The current observation, {@link Environment#observationSize()} numbers; a fresh array. */
    double[] observation();

    /**
     * Applies {@code action} and advances one step.
     *
     * @param action {@link Environment#actionSize()} finite numbers
     * @return the next observation, the step's reward and whether the episode has ended
     * @throws IllegalArgumentException naming the action's length or the index of a non-finite
     *                                  number, when the action is malformed; the episode is unchanged
     * @throws IllegalStateException    when the episode has already ended
     */
    Transition step(double[] action);

    /** Whether the episode has ended. */
    boolean done();

    /**
     * How well the episode went so far, higher is better (such as the steps survived or the reward
     * summed); after the end, the episode's fitness. Finite.
     */
    double fitness();

    /**
     * What a replay of the episode records at the current step, by name in a stable order, in the
     * units a reader expects (such as a cart's position in metres and its poles' angles in degrees);
     * a fresh map. Empty (the default) when the observation says it all.
     */
    default Map<String, Double> trace() {
        return Map.of();
    }
}
