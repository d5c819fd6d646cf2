package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The grammar application's Tomita task held to the application conformance suite. */
class GrammarTomitaConformanceTest extends ApplicationConformance {

    GrammarTomitaConformanceTest() {
        super(new GrammarApplication(), Map.of("task", "tomita", "grammar", "4", "train.size", "30",
                "validation.size", "10", "test.size", "10"),
                Set.of("accuracy", "automaton.states", "automaton.agreement", "automaton.equivalent"));
    }
}
