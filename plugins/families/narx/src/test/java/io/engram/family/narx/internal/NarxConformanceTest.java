package io.engram.family.narx.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class NarxConformanceTest extends FamilyConformance {
    NarxConformanceTest() { super(new NarxFamily(), Map.of("hidden", "3", "input.delays", "2", "output.delays", "3")); }
}
