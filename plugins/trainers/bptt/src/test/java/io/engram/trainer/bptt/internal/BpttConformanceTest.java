package io.engram.trainer.bptt.internal;

import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

/** BPTT held to the trainer conformance suite; truncation settings that contradict each other are refused. */
class BpttConformanceTest extends TrainerConformance {

    BpttConformanceTest() {
        super(new BpttTrainer(), Map.of("epochs", "3", "batch.size", "3"));
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("k1", "4", "k2", "2"), "k2"),
                new BadCase(Map.of("k1", "2", "checkpoint.segments", "3"), "checkpoint.segments"));
    }
}
