package io.engram.family.recursive.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class RecursiveConformanceTest extends FamilyConformance {
    RecursiveConformanceTest() { super(new RecursiveFamily(), Map.of("hidden", "3", "capacity", "4")); }
}
