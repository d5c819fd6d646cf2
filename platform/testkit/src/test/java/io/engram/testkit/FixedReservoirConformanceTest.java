package io.engram.testkit;

import java.util.Map;

class FixedReservoirConformanceTest extends FamilyConformance {
    FixedReservoirConformanceTest() { super(new FixedReservoir(), Map.of("units", "6")); }
}
