package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The grammar application's balanced-parentheses task held to the application conformance suite. */
class GrammarDyckConformanceTest extends ApplicationConformance {

    GrammarDyckConformanceTest() {
        super(new GrammarApplication(), Map.of("task", "dyck", "train.size", "30",
                "validation.size", "10", "test.size", "10"),
                Set.of("accuracy"));
    }
}
