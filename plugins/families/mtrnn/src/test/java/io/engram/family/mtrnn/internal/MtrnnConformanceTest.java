package io.engram.family.mtrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class MtrnnConformanceTest extends FamilyConformance {
    MtrnnConformanceTest() {
        super(new MtrnnFamily(), Map.of("io", "2", "fast", "3", "slow", "2", "sequences", "2", "integrator", "rk4",
                "dt", "0.5", "substeps", "2", "activation", "sigmoid"));
    }
}
