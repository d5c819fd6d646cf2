package io.engram.app.patterns.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The patterns application's pairs task held to the application conformance suite. */
class PatternsPairsConformanceTest extends ApplicationConformance {

    PatternsPairsConformanceTest() {
        super(new PatternsApplication(), Map.of("task", "pairs", "size", "20", "pair.size", "12", "load", "0.2",
                "validation.size", "6", "test.size", "6", "recall.steps", "2"), Set.of("bit.error", "recalled"));
    }
}
