package io.engram.family.gru.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class GruResetAfterConformanceTest extends FamilyConformance {
    GruResetAfterConformanceTest() { super(new GruFamily(), Map.of("hidden", "3", "layers", "2", "reset.after", "true")); }
}
