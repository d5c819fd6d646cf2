package io.engram.testkit;

import java.util.Map;

class HebbianMemoryConformanceTest extends FamilyConformance {
    HebbianMemoryConformanceTest() { super(new HebbianMemory(), Map.of("units", "12")); }
}
