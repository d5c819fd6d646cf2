package io.engram.app.speech.internal;

/**
 * Mono audio: samples in {@code [-1, 1]} at {@code rate} samples per second. The array is owned by
 * the record and not copied (internal use only); do not change it.
 *
 * @param samples the samples
 * @param rate    samples per second, above 0
 */
record Audio(double[] samples, int rate) {

    /** Its length in seconds. */
    double seconds() {
        return samples.length / (double) rate;
    }
}
