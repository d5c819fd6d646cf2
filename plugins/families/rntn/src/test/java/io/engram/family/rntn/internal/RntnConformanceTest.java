package io.engram.family.rntn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class RntnConformanceTest extends FamilyConformance {
    RntnConformanceTest() { super(new RntnFamily(), Map.of("hidden", "3", "capacity", "4")); }
}
