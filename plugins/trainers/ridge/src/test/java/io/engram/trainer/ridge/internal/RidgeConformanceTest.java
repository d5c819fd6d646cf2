package io.engram.trainer.ridge.internal;

import io.engram.testkit.BackendConformance;
import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

/** The ridge trainer held to the trainer conformance suite, on a small fixed reservoir. */
class RidgeConformanceTest extends TrainerConformance {

    RidgeConformanceTest() {
        super(new RidgeTrainer(), Map.of("washout", "1", "batch.size", "3", "ridge", "1e-3,1e-1,10"));
    }

    @Override
    protected BackendConformance.FamilyCase family() {
        return new BackendConformance.FamilyCase(new TinyReservoir(), Map.of("units", "4"));
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("ridge", "1e-3,abc"), "ridge"),
                new BadCase(Map.of("ridge", "-1"), "ridge"),
                new BadCase(Map.of("washout", "50"), "washout"));
    }
}
