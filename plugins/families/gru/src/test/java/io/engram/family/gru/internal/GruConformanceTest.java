package io.engram.family.gru.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class GruConformanceTest extends FamilyConformance {
    GruConformanceTest() { super(new GruFamily(), Map.of("hidden", "3", "layers", "2")); }
}
