package io.engram.app.grammar.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grammar application's a^n b^n c^n task held to the application conformance suite: metrics
 * {@code accuracy} and {@code max.n}; a smallest n above the largest is refused naming it.
 */
class GrammarAnBnCnConformanceTest extends ApplicationConformance {

    GrammarAnBnCnConformanceTest() {
        super(new GrammarApplication(), Map.of("task", "anbncn", "train.size", "20", "validation.size", "10",
                "train.max.n", "4", "test.max.n", "6"), Set.of("accuracy", "max.n"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("train.min.n", "5", "train.max.n", "3"), "train.min.n"),
                new BadCase(Map.of("test.min.n", "7", "test.max.n", "6"), "test.min.n"));
    }
}
