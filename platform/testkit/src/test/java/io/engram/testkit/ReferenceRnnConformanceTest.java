package io.engram.testkit;

import java.util.Map;

class ReferenceRnnConformanceTest extends FamilyConformance {
    ReferenceRnnConformanceTest() {
        super(new ReferenceRnn(), Map.of("hidden", "4"));
    }
}
