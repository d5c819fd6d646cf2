package io.engram.family.lstm.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class LstmPeepholeConformanceTest extends FamilyConformance {
    LstmPeepholeConformanceTest() { super(new LstmFamily(), Map.of("hidden", "3", "peepholes", "true", "forget.bias", "0.5")); }
}
