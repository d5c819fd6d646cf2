package io.engram.app.music.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the music application's metrics need besides the encoded sequences, attached to its datasets:
 * the encoding, the grid, how many bars to compose, the training melody's unit frequencies (the
 * unigram baseline) and, for the test set only, where to write the composition. Immutable.
 *
 * @param encoding    the units the sequences are encoded with
 * @param stepsPerBar steps in a bar
 * @param composeBars bars composed after the primer
 * @param temperature the composition's sampling temperature
 * @param unigram     relative frequency of each melody unit in the training targets
 * @param output      the {@code .mid} file the composition is written to, if any
 */
record MusicContext(Encoding encoding, int stepsPerBar, int composeBars, double temperature, double[] unigram,
                    Optional<String> output) {
    MusicContext {
        unigram = unigram.clone();
    }

    @Override
    public double[] unigram() {
        return unigram.clone();
    }

    /** The melody unit most frequent in training. */
    int mostFrequent() {
        int best = 0;
        for (int u = 1; u < unigram.length; u++) {
            if (unigram[u] > unigram[best]) {
                best = u;
            }
        }
        return best;
    }

    /** The same context writing to {@code file}. */
    MusicContext writingTo(String file) {
        return new MusicContext(encoding, stepsPerBar, composeBars, temperature, unigram, Optional.of(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MusicContext c && c.encoding.equals(encoding) && c.stepsPerBar == stepsPerBar
                && c.composeBars == composeBars && c.temperature == temperature && Arrays.equals(c.unigram, unigram) && c.output.equals(output);
    }

    @Override
    public int hashCode() {
        return encoding.hashCode() * 31 + Arrays.hashCode(unigram);
    }
}
