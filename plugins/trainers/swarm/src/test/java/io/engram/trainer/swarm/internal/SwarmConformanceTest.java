package io.engram.trainer.swarm.internal;

import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

class SwarmConformanceTest extends TrainerConformance {
    SwarmConformanceTest() {
        super(new SwarmTrainer(), Map.of("generations", "4", "particles", "5"));
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("update", "constriction", "c1", "1.5", "c2", "2.0"), "c1"));
    }
}
