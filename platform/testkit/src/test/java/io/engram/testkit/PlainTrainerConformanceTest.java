package io.engram.testkit;

import java.util.Map;

/** The platform's gradient training loop passes the trainer conformance suite. */
class PlainTrainerConformanceTest extends TrainerConformance {
    PlainTrainerConformanceTest() {
        super(new PlainTrainer(), Map.of("epochs", "3", "batch.size", "3"));
    }
}
