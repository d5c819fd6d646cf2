package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The grammar application's a^n b^n task held to the application conformance suite. */
class GrammarAnBnConformanceTest extends ApplicationConformance {

    GrammarAnBnConformanceTest() {
        super(new GrammarApplication(), Map.of("task", "anbn", "train.size", "30",
                "validation.size", "10", "test.size", "10"),
                Set.of("accuracy"));
    }
}
