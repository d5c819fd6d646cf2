package io.engram.family.memristive.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class MemristiveConformanceTest extends FamilyConformance {
    MemristiveConformanceTest() { super(new MemristiveFamily(), Map.of("nodes", "5", "edges", "8")); }
}
