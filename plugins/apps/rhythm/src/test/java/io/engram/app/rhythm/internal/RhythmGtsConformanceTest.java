package io.engram.app.rhythm.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

class RhythmGtsConformanceTest extends ApplicationConformance {
    RhythmGtsConformanceTest() {
        super(new RhythmApplication(), Map.of("task", "gts", "min.interval", "4", "max.interval", "8",
                "train.size", "12", "validation.size", "4", "test.size", "4"),
                Set.of("accuracy", "spike.accuracy", "baseline.accuracy"));
    }
}
