package io.engram.app.speechsynthesis.internal;

/**
 * Mono audio: samples in {@code [-1, 1]} at {@code rate} Hz. Immutable by convention (the array is
 * not copied; nobody writes to it after construction).
 *
 * @param samples the samples
 * @param rate    the sample rate in Hz
 */
record Audio(double[] samples, int rate) {

    /** Duration in seconds. */
    double seconds() {
        return samples.length / (double) rate;
    }
}
