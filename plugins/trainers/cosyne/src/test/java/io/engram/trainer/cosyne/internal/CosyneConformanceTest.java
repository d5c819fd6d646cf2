package io.engram.trainer.cosyne.internal;

import io.engram.testkit.TrainerConformance;
import java.util.Map;

class CosyneConformanceTest extends TrainerConformance {
    CosyneConformanceTest() {
        super(new CosyneTrainer(), Map.of("generations", "3", "population", "8"));
    }
}
