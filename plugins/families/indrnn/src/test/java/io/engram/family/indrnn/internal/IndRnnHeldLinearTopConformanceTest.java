package io.engram.family.indrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

/** Two layers, the top one linear with its recurrent weights held near 1. */
class IndRnnHeldLinearTopConformanceTest extends FamilyConformance {
    IndRnnHeldLinearTopConformanceTest() {
        super(new IndRnnFamily(), Map.of("hidden", "3", "layers", "2", "recurrent.horizon", "10",
                "recurrent.hold.top", "true", "activation.top", "linear"));
    }
}
