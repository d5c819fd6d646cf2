package io.engram.family.bidirectional.internal;

import io.engram.api.Hyperparameters;
import io.engram.testkit.FamilyConformance;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.Map;

/** The family conformance suite for a bidirectional network over the testkit's reference RNN. */
class BidirectionalConformanceTest extends FamilyConformance {
    BidirectionalConformanceTest() {
        super(new BidirectionalFamily().bind(Map.of("inner", new ReferenceRnn())),
                Hyperparameters.of(Map.of("features", 3, "init.scale", 1.0, "inner.family", "reference-rnn",
                        "inner.hidden", 3, "inner.scale", 0.8)), new ReferenceBackend());
    }
}
