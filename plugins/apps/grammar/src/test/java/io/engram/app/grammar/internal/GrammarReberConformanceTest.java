package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The grammar application's embedded Reber task held to the application conformance suite: one metric, {@code accuracy}. */
class GrammarReberConformanceTest extends ApplicationConformance {

    GrammarReberConformanceTest() {
        super(new GrammarApplication(), Map.of("train.size", "40", "validation.size", "10", "test.size", "10"),
                Set.of("accuracy"));
    }
}
