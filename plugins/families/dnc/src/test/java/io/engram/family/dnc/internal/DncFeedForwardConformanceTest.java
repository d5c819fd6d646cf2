package io.engram.family.dnc.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class DncFeedForwardConformanceTest extends FamilyConformance {
    DncFeedForwardConformanceTest() {
        super(new DncFamily(), Map.of("controller", "feedforward", "hidden", "3", "memory.size", "3", "memory.width", "2"));
    }
}
