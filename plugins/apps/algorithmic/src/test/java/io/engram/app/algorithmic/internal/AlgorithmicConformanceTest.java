package io.engram.app.algorithmic.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The algorithmic tasks held to the application conformance suite; their loss is the basic losses' sigmoid-bce. */
class AlgorithmicConformanceTest extends ApplicationConformance {

    AlgorithmicConformanceTest() {
        super(new AlgorithmicApplication(), Map.of("task", "copy", "bits", "4", "length.max", "5", "train.size", "30",
                "validation.size", "10", "test.size", "10"), Set.of("bit.errors", "bit.error.rate", "sequence.accuracy"));
    }

    @Override
    protected Set<String> losses() {
        return Set.of("sigmoid-bce");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("length.min", "6", "length.max", "5"), "length.min"),
                new BadCase(Map.of("task", "recall", "length.min", "1"), "length.min"),
                new BadCase(Map.of("repeats.min", "4", "repeats.max", "3"), "repeats.min"));
    }
}
