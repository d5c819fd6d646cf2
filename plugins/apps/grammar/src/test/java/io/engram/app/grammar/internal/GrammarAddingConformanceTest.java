package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The grammar application's adding problem held to the application conformance suite: metrics {@code mae} and {@code accuracy}. */
class GrammarAddingConformanceTest extends ApplicationConformance {

    GrammarAddingConformanceTest() {
        super(new GrammarApplication(), Map.of("task", "adding", "length", "8", "train.size", "30",
                "validation.size", "10", "test.size", "10"), Set.of("mae", "accuracy"));
    }
}
