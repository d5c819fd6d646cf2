package io.engram.trainer.genetic.internal;

import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

class GeneticConformanceTest extends TrainerConformance {
    GeneticConformanceTest() {
        super(new GeneticTrainer(), Map.of("generations", "3", "population", "6"));
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("population", "5", "elitism", "5"), "elitism"));
    }
}
