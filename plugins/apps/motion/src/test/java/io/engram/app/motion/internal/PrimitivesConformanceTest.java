package io.engram.app.motion.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The motion-primitives task held to the application conformance suite. */
class PrimitivesConformanceTest extends ApplicationConformance {

    PrimitivesConformanceTest() {
        super(new PrimitivesApplication(), Map.of("primitive.length", "5", "sequences", "3", "noise", "0.01"),
                Set.of("mse.seq0", "mse.seq1", "mse.seq2", "mse", "mse.max", "selected"));
    }
}
