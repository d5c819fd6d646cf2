package io.engram.family.ctrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class CtrnnConformanceTest extends FamilyConformance {
    CtrnnConformanceTest() {
        super(new CtrnnFamily(), Map.of("hidden", "3", "dt", "0.25", "substeps", "2", "tau.trainable", "true",
                "state.trainable", "true"));
    }
}
