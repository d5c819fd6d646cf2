package io.engram.family.ntm.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class NtmFeedForwardConformanceTest extends FamilyConformance {
    NtmFeedForwardConformanceTest() {
        super(new NtmFamily(), Map.of("controller", "feedforward", "hidden", "3", "memory.size", "4",
                "memory.width", "2", "write.heads", "2"));
    }
}
