package org.example.engram.mgu.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class MguConformanceTest extends FamilyConformance {
    MguConformanceTest() { super(new MguFamily(), Map.of("hidden", "3", "layers", "2")); }
}
