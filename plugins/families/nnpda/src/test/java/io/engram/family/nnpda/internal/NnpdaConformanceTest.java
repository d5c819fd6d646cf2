package io.engram.family.nnpda.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class NnpdaConformanceTest extends FamilyConformance {
    NnpdaConformanceTest() { super(new NnpdaFamily(), Map.of("hidden", "3", "capacity", "6")); }
}
