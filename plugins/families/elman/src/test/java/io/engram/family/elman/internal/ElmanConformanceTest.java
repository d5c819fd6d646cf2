package io.engram.family.elman.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class ElmanConformanceTest extends FamilyConformance {
    ElmanConformanceTest() { super(new ElmanFamily(), Map.of("hidden", "3", "layers", "2")); }
}
