package io.engram.family.lstm.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class LstmConformanceTest extends FamilyConformance {
    LstmConformanceTest() { super(new LstmFamily(), Map.of("hidden", "3", "layers", "2")); }
}
