package io.engram.family.lsm.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class LsmConformanceTest extends FamilyConformance {
    LsmConformanceTest() { super(new LsmFamily(), Map.of("grid.z", "4", "input.weight", "60")); }
}
