package io.engram.family.ctrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class CtrnnEulerConformanceTest extends FamilyConformance {
    CtrnnEulerConformanceTest() {
        super(new CtrnnFamily(), Map.of("hidden", "3", "integrator", "euler", "dt", "0.5", "substeps", "3",
                "activation", "tanh", "output", "rates"));
    }
}
