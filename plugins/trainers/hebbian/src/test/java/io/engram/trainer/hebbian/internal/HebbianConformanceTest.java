package io.engram.trainer.hebbian.internal;

import io.engram.api.Dataset;
import io.engram.testkit.BackendConformance;
import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

class HebbianConformanceTest extends TrainerConformance {
    HebbianConformanceTest() { super(new HebbianTrainer(), Map.of("epochs", "4", "recall.steps", "5")); }

    @Override
    protected BackendConformance.FamilyCase family() {
        return new BackendConformance.FamilyCase(new TinyMemory(), Map.of());
    }

    @Override
    protected Dataset task() {
        return HebbianTrainerTest.patterns(12, 16, 41);
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("rule", "storkey"), "rule"));
    }
}
