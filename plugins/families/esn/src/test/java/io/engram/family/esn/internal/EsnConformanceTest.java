package io.engram.family.esn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

/** The echo state network held to the family conformance suite: leaky units, a bias, a sparse reservoir. */
class EsnConformanceTest extends FamilyConformance {

    EsnConformanceTest() {
        super(new EsnFamily(), Map.of("units", "8", "leak", "0.6", "bias.scaling", "0.3", "connectivity", "0.5",
                "spectral.radius", "0.9"));
    }
}
