package io.engram.family.narx.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class NarxWithoutInputDelaysConformanceTest extends FamilyConformance {
    NarxWithoutInputDelaysConformanceTest() {
        super(new NarxFamily(), Map.of("hidden", "4", "input.delays", "0", "output.delays", "1", "output", "tanh"));
    }
}
