package io.engram.api;

import java.util.random.RandomGenerator;

/**
 * What a step may need besides its inputs.
 *
 * @param training true while training: dropout is active
 * @param time     index of the step within its sequence, from 0
 * @param random   seeded source for dropout masks; owned by the caller, used on its thread only
 */
public record StepContext(boolean training, int time, RandomGenerator random) {

    /** Inference at step {@code time}: no dropout, no randomness needed. */
    public static StepContext inference(int time) {
        return new StepContext(false, time, null);
    }
}
