package io.engram.app.speech.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.layers.CtcDecoding;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error rates of a network on labelled utterances, decoded two ways: {@code char.error.rate} and
 * {@code word.error.rate} with best-path decoding, {@code beam.char.error.rate} and
 * {@code beam.word.error.rate} with prefix beam search of the job's {@code data.beam} width when it is
 * above 1 ({@link SpeechContext}), else of width {@value #BEAM}. A character error rate
 * is the summed edit distance between decoded and reference characters over the reference
 * characters; a word error rate the same over words ({@link EditDistance}); both can exceed 1. An
 * empty reference set gives 0. Stateless and thread-safe.
 */
final class SpeechMetrics {
    /** The beam width of the beam metrics when the job's is 1 or unknown. */
    static final int BEAM = 8;

    private SpeechMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        Transcriber greedy = new Transcriber(1);
        Transcriber beam = new Transcriber(data.context(SpeechContext.class).map(SpeechContext::beam)
                .filter(w -> w > 1).orElse(BEAM));
        long chars = 0;
        long words = 0;
        long[] errors = new long[4];
        for (int i = 0; i < data.size(); i++) {
            int[] labels = data.get(i).labels();
            String reference = Alphabet.decode(labels);
            chars += labels.length;
            words += EditDistance.words(reference).length;
            double[][] logP = CtcDecoding.logSoftmax(outputs.get(i));
            String[] hypotheses = {greedy.transcribe(logP), beam.transcribe(logP)};
            for (int k = 0; k < 2; k++) {
                errors[2 * k] += EditDistance.of(Alphabet.encode(hypotheses[k]), labels);
                errors[2 * k + 1] += EditDistance.words(hypotheses[k], reference);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("char.error.rate", rate(errors[0], chars));
        m.put("word.error.rate", rate(errors[1], words));
        m.put("beam.char.error.rate", rate(errors[2], chars));
        m.put("beam.word.error.rate", rate(errors[3], words));
        return m;
    }

    private static double rate(long errors, long total) {
        return total == 0 ? 0.0 : errors / (double) total;
    }
}
