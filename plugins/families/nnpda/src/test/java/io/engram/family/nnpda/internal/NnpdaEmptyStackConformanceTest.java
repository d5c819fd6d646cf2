package io.engram.family.nnpda.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

/** The conformance kit with acceptance by empty stack and the discrete automaton outside training. */
class NnpdaEmptyStackConformanceTest extends FamilyConformance {
    NnpdaEmptyStackConformanceTest() {
        super(new NnpdaFamily(), Map.of("hidden", "3", "capacity", "6", "accept", "empty-stack", "quantize", "all"));
    }
}
