package io.engram.family.frnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class FrnnConformanceTest extends FamilyConformance {
    FrnnConformanceTest() { super(new FrnnFamily(), Map.of("hidden", "3", "layers", "2")); }
}
