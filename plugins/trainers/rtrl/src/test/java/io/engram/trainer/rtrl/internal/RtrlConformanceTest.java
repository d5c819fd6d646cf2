package io.engram.trainer.rtrl.internal;

import io.engram.testkit.TrainerConformance;
import java.util.Map;

/** RTRL held to the trainer conformance suite. */
class RtrlConformanceTest extends TrainerConformance {

    RtrlConformanceTest() {
        super(new RtrlTrainer(), Map.of("epochs", "3", "batch.size", "3"));
    }
}
