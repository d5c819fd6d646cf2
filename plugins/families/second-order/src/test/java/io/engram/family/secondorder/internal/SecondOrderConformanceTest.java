package io.engram.family.secondorder.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class SecondOrderConformanceTest extends FamilyConformance {
    SecondOrderConformanceTest() { super(new SecondOrderFamily(), Map.of("hidden", "4")); }
}
