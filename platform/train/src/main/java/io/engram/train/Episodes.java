package io.engram.train;

import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Transition;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a network in an {@link Environment}: from the episode's seeded start, each step feeds the
 * observation as the input {@code [1, observationSize]}, carries the network's state on, and passes
 * the raw output row as the action, until the episode ends. Stateless; thread-safe as far as the
 * network's {@code step} is with distinct parameters and states (see {@link Network}).
 */
public final class Episodes {
    /** Key of the mean fitness per episode in {@link #metrics}. */
    public static final String FITNESS = "fitness";
    /** Key of the mean reward summed over an episode. */
    public static final String REWARD = "reward";
    /** Key of the mean number of steps per episode. */
    public static final String STEPS = "episode.steps";

    private Episodes() {
    }

    /** What one episode gave: its final fitness, its summed reward and its steps. */
    public record Result(double fitness, double reward, int steps) {
    }

    /**
     * One episode started from {@code seed}, acted in by {@code network} with {@code params}.
     *
     * @throws IllegalStateException when the network's output is not {@code [1, actionSize]} or the
     *                               episode runs past the environment's {@code maxSteps()}
     */
    public static Result run(Network network, Ops ops, Map<String, Tensor> params, Environment env, long seed) {
        Episode episode = env.start(seed);
        State state = network.initialState(ops, 1);
        Shape input = Shape.of(1, env.observationSize());
        double reward = 0.0;
        int t = 0;
        while (!episode.done()) {
            if (t >= env.maxSteps()) {
                throw new IllegalStateException("the environment's episode did not end within its maxSteps() = "
                        + env.maxSteps() + " steps");
            }
            Tensor x = ops.fromArray(network.spec().dtype(), input, episode.observation());
            Step step = network.step(ops, params, x, state, StepContext.inference(t));
            Tensor out = step.output();
            if (out.rank() != 2 || out.dim(0) != 1 || out.dim(1) != env.actionSize()) {
                throw new IllegalStateException("the network's output " + out.shape() + " is no action of the "
                        + "environment, which takes [1, " + env.actionSize() + "]");
            }
            Transition tr = episode.step(out.toDoubleArray());
            reward += tr.reward();
            state = step.state();
            t++;
        }
        return new Result(episode.fitness(), reward, t);
    }

    /**
     * The means of {@value #FITNESS}, {@value #REWARD} and {@value #STEPS} over {@code episodes}
     * episodes, episode {@code e} started from {@code Seeds.of(seed, e)}.
     */
    public static Map<String, Double> metrics(Network network, Ops ops, Map<String, Tensor> params, Environment env,
                                              long seed, int episodes) {
        double fitness = 0.0;
        double reward = 0.0;
        double steps = 0.0;
        for (int e = 0; e < episodes; e++) {
            Result r = run(network, ops, params, env, Seeds.of(seed, e));
            fitness += r.fitness();
            reward += r.reward();
            steps += r.steps();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(FITNESS, fitness / episodes);
        out.put(REWARD, reward / episodes);
        out.put(STEPS, steps / episodes);
        return out;
    }

    /** The mean fitness of {@code episodes} episodes, episode {@code e} started from {@code Seeds.of(seed, e)}. */
    public static double meanFitness(Network network, Ops ops, Map<String, Tensor> params, Environment env, long seed,
                                     int episodes) {
        double sum = 0.0;
        for (int e = 0; e < episodes; e++) {
            sum += run(network, ops, params, env, Seeds.of(seed, e)).fitness();
        }
        return sum / episodes;
    }
}
