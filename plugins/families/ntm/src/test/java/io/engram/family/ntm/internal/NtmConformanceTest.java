package io.engram.family.ntm.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class NtmConformanceTest extends FamilyConformance {
    NtmConformanceTest() {
        super(new NtmFamily(), Map.of("hidden", "4", "memory.size", "5", "memory.width", "3", "read.heads", "2"));
    }
}
