package io.engram.trainer.hybrid.internal;

import io.engram.testkit.TrainerConformance;
import java.util.Map;

/** The BPTT/RTRL hybrid held to the trainer conformance suite. */
class HybridConformanceTest extends TrainerConformance {

    HybridConformanceTest() {
        super(new HybridTrainer(), Map.of("epochs", "3", "block", "2", "lr", "0.05"));
    }
}
