package io.engram.app.rhythm.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class RhythmMsdConformanceTest extends ApplicationConformance {
    RhythmMsdConformanceTest() {
        super(new RhythmApplication(), Map.of("task", "msd", "min.interval", "4", "max.interval", "8",
                "train.size", "12", "validation.size", "4", "test.size", "4"),
                Set.of("accuracy", "mae", "baseline.accuracy", "baseline.mae"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("min.interval", "9", "max.interval", "8"), "max.interval"));
    }
}
