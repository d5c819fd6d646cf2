package io.engram.family.frnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class FrnnUnitsConformanceTest extends FamilyConformance {
    FrnnUnitsConformanceTest() { super(new FrnnFamily(), Map.of("hidden", "4", "readout", "units", "activation", "sigmoid")); }
}
