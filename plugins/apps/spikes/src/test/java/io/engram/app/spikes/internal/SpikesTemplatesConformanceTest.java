package io.engram.app.spikes.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SpikesTemplatesConformanceTest extends ApplicationConformance {
    SpikesTemplatesConformanceTest() {
        super(new SpikesApplication(), Map.of("train.size", "12", "validation.size", "4", "test.size", "4",
                "duration", "30"), Set.of("accuracy"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("task", "memory", "segments", "3", "delay", "3"), "delay"));
    }
}
