package io.engram.family.seq2seq.internal;

import io.engram.api.Hyperparameters;
import io.engram.testkit.FamilyConformance;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The family conformance suite for encoder-decoders that attend, with and without embeddings. */
class Seq2seqAttentionConformanceTest {

    static Map<String, Object> hyper(Map<String, Object> own) {
        Map<String, Object> h = new LinkedHashMap<>(Map.of("context", 3, "start", 0, "end", 1,
                "encoder.family", "reference-rnn", "encoder.hidden", 3, "encoder.scale", 0.8,
                "decoder.family", "reference-rnn", "decoder.hidden", 3, "decoder.scale", 0.8));
        h.putAll(own);
        return h;
    }

    @Nested
    class Additive extends FamilyConformance {
        Additive() {
            super(new Seq2seqFamily().bind(Map.of("encoder", new ReferenceRnn(), "decoder", new ReferenceRnn())),
                    Hyperparameters.of(hyper(Map.of("attention", "additive", "attention.size", 2))),
                    new ReferenceBackend());
        }
    }

    @Nested
    class MultiplicativeWithFeedingAndEmbeddings extends FamilyConformance {
        MultiplicativeWithFeedingAndEmbeddings() {
            super(new Seq2seqFamily().bind(Map.of("encoder", new ReferenceRnn(), "decoder", new ReferenceRnn())),
                    Hyperparameters.of(hyper(Map.of("attention", "multiplicative", "attention.feeding", true,
                            "embedding", 2))),
                    new ReferenceBackend());
        }
    }
}
