package io.engram.family.iirmlp.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

/** The IIR-MLP with two hidden layers held to the family conformance suite. */
class IirMlpConformanceTest extends FamilyConformance {
    IirMlpConformanceTest() {
        super(new IirMlpFamily(), Map.of("hidden", "3", "layers", "2", "ma.order", "3", "ar.order", "2"));
    }
}
