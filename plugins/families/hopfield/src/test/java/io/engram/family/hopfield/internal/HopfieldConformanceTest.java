package io.engram.family.hopfield.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class HopfieldConformanceTest extends FamilyConformance {
    HopfieldConformanceTest() { super(new HopfieldFamily(), Map.of("units", "8")); }
}
