package io.engram.family.seq2seq.internal;

import io.engram.api.Hyperparameters;
import io.engram.testkit.FamilyConformance;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.Map;

/** The family conformance suite for an encoder-decoder of two reference RNNs. */
class Seq2seqConformanceTest extends FamilyConformance {
    Seq2seqConformanceTest() {
        super(new Seq2seqFamily().bind(Map.of("encoder", new ReferenceRnn(), "decoder", new ReferenceRnn())),
                Hyperparameters.of(Map.of("context", 3, "start", 0, "end", 1,
                        "encoder.family", "reference-rnn", "encoder.hidden", 3, "encoder.scale", 0.8,
                        "decoder.family", "reference-rnn", "decoder.hidden", 3, "decoder.scale", 0.8)),
                new ReferenceBackend());
    }
}
