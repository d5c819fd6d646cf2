package io.engram.app.handwriting.internal;

import io.engram.layers.CtcDecoding;

/**
 * Turns a network's per-step log-probabilities into text: best-path decoding with width 1, prefix
 * beam search ({@link CtcDecoding#beam}) with a wider beam. Immutable and thread-safe.
 *
 * @param alphabet the labels' characters
 * @param beam     the beam width, at least 1
 */
record Transcriber(Alphabet alphabet, int beam) {

    /** The transcript of {@code logProbabilities} ({@code [steps][classes]}). */
    String transcribe(double[][] logProbabilities) {
        if (logProbabilities.length == 0) {
            return "";
        }
        int[] labels = beam == 1 ? CtcDecoding.greedy(logProbabilities).labels()
                : CtcDecoding.beam(logProbabilities, beam).get(0).labels();
        return alphabet.decode(labels);
    }
}
