package io.engram.api;

import java.util.SplittableRandom;
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
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

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

    /**
     * Inference at step {@code time} with a generator seeded from {@code (seed, stream, time)} alone,
     * a {@link SplittableRandom} for one thread: {@code stream} tells apart the sequences or batches
     * run under one seed. Running the steps one by one or together, in any order, gives each step
     * the same generator.
     */
    public static StepContext inference(int time, long seed, long stream) {
        long z = mix(seed + GOLDEN * (stream + 1L)) + GOLDEN * (time + 1L);
        return new StepContext(false, time, new SplittableRandom(mix(z)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
