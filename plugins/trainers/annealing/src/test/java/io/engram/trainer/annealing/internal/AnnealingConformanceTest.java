package io.engram.trainer.annealing.internal;

import io.engram.testkit.TrainerConformance;
import java.util.Map;

class AnnealingConformanceTest extends TrainerConformance {
    AnnealingConformanceTest() {
        super(new AnnealingTrainer(), Map.of("generations", "4", "chains", "2", "neighbours", "3"));
    }
}
