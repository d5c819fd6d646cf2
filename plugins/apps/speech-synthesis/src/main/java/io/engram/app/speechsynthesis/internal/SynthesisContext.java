package io.engram.app.speechsynthesis.internal;

import io.engram.api.Sequence;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What evaluation needs besides the encoded sequences, attached to every dataset of a job: the
 * settings, the features, the per-band mean and standard deviation of the training log-mel frames
 * the targets are normalised with, each sequence's utterance (found by identity: derived datasets
 * share the {@link Sequence} objects), and the training utterances for the nearest-utterance
 * baseline. Immutable after construction; thread-safe.
 *
 * @param settings  the settings
 * @param features  the features
 * @param mean      per-band mean of the training log-mel frames
 * @param std       per-band standard deviation (at least {@code 1e-3})
 * @param symbols   the input symbols, in input order
 * @param training  the training utterances
 * @param utterances the utterance of every sequence of the job, by identity
 */
record SynthesisContext(Settings settings, Features features, double[] mean, double[] std, List<String> symbols,
                        List<Utterance> training, Map<Sequence, Utterance> utterances) {

    /**
     * An utterance as read.
     *
     * @param name   its WAV file's name without the extension
     * @param source its input symbols' indices
     * @param logMel its log-mel frames {@code [frames][mels]}
     * @param test   whether it is of the test manifest
     */
    record Utterance(String name, int[] source, double[][] logMel, boolean test) {
    }

    SynthesisContext {
        Map<Sequence, Utterance> copy = new IdentityHashMap<>(utterances);
        utterances = java.util.Collections.unmodifiableMap(copy);
        training = List.copyOf(training);
        symbols = List.copyOf(symbols);
    }

    /** The utterance of {@code s}, a sequence of this job's datasets. */
    Utterance utterance(Sequence s) {
        Utterance u = utterances.get(s);
        if (u == null) {
            throw new IllegalArgumentException("speech-synthesis: the sequence is not one this job loaded");
        }
        return u;
    }
}
