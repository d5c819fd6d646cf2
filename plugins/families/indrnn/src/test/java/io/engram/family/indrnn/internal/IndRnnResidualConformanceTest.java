package io.engram.family.indrnn.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class IndRnnResidualConformanceTest extends FamilyConformance {
    IndRnnResidualConformanceTest() {
        super(new IndRnnFamily(), Map.of("hidden", "3", "layers", "3", "residual", "true", "activation", "tanh",
                "recurrent.horizon", "20", "recurrent.init.low", "-1"));
    }
}
