package io.engram.family.indrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class IndRnnConformanceTest extends FamilyConformance {
    IndRnnConformanceTest() { super(new IndRnnFamily(), Map.of("hidden", "3", "recurrent.horizon", "10")); }
}
