package io.engram.family.jordan.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class JordanConformanceTest extends FamilyConformance {
    JordanConformanceTest() { super(new JordanFamily(), Map.of("hidden", "3", "layers", "2")); }
}
