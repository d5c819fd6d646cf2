package io.engram.app.patterns.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The patterns application's auto-associative task held to the application conformance suite. */
class PatternsAutoConformanceTest extends ApplicationConformance {

    PatternsAutoConformanceTest() {
        super(new PatternsApplication(), Map.of("size", "24", "load", "0.25", "validation.size", "8", "test.size", "8",
                "recall.steps", "3"), Set.of("bit.error", "recalled"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("pair.size", "5"), "pair.size"));
    }
}
