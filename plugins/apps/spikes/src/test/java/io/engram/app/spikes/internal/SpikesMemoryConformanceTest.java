package io.engram.app.spikes.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

class SpikesMemoryConformanceTest extends ApplicationConformance {
    SpikesMemoryConformanceTest() {
        super(new SpikesApplication(), Map.of("task", "memory", "train.size", "12", "validation.size", "4",
                "test.size", "4", "segments", "4", "segment.length", "10", "delay", "2"), Set.of("accuracy"));
    }
}
