package io.engram.family.rmlp.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class RmlpConformanceTest extends FamilyConformance {
    RmlpConformanceTest() { super(new RmlpFamily(), Map.of("layers", "3,2")); }
}
