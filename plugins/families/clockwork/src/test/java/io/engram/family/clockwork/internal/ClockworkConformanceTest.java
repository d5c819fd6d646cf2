package io.engram.family.clockwork.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class ClockworkConformanceTest extends FamilyConformance {
    ClockworkConformanceTest() { super(new ClockworkFamily(), Map.of("module.size", "2", "periods", "1,2,4")); }
}
