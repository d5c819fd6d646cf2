package io.engram.app.handwriting.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.layers.CtcDecoding;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's error rates on labelled samples: {@code char.error.rate} and {@code word.error.rate}
 * ({@link EditDistance#rates}) of the transcripts decoded from its outputs with the set's beam width
 * ({@link HandwritingContext}), followed by the baselines' rates on the set as it was loaded, worked out
 * then ({@link Baselines}; a subset of it carries the whole set's). Lower is better. Stateless and thread-safe.
 */
final class HandwritingMetrics {
    private HandwritingMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        HandwritingContext context = data.context(HandwritingContext.class).orElseThrow(() -> new IllegalArgumentException(
                "the dataset was not loaded by the handwriting application (it carries no alphabet)"));
        Transcriber transcriber = new Transcriber(context.alphabet(), context.beam());
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        List<String> hypotheses = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            references.add(context.alphabet().decode(data.get(i).labels()));
            hypotheses.add(transcriber.transcribe(CtcDecoding.logSoftmax(outputs.get(i))));
        }
        double[] rates = EditDistance.rates(hypotheses, references);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("char.error.rate", rates[0]);
        m.put("word.error.rate", rates[1]);
        m.putAll(context.baselines());
        return m;
    }
}
