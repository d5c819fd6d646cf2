package io.engram.api;

import java.util.random.RandomGenerator;

/**
 * What a step may need besides its inputs.
 *
 * @param training true while training: dropout is active
 * @param time     index of the step within its sequence, from 0
 * @param random   seeded source for dropout masks and for whatever a step draws at inference (Poisson
 *                 spike inputs, noise); owned by the caller, used on its thread only; may be null
 *                 at inference when the caller offers none
 */
public record StepContext(boolean training, int time, RandomGenerator random) {

    /** Inference at step {@code time} without a random source: for steps that draw nothing. */
    public static StepContext inference(int time) {
        return new StepContext(false, time, null);
    }

    /**
     * Inference at step {@code time} with a seeded random source (no dropout): the inference paths
     * pass one seeded from the job's or the request's seed, so that a step that draws gives the
     * same outputs on every run.
     */
    public static StepContext inference(int time, RandomGenerator random) {
        return new StepContext(false, time, random);
    }
}
