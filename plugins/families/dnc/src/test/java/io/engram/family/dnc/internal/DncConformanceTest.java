package io.engram.family.dnc.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class DncConformanceTest extends FamilyConformance {
    DncConformanceTest() {
        super(new DncFamily(), Map.of("hidden", "4", "memory.size", "4", "memory.width", "3", "read.heads", "2"));
    }
}
