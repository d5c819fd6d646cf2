package io.engram.app.latching.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The latching problem held to the application conformance suite: metrics {@code accuracy} and {@code mse}. */
class LatchingConformanceTest extends ApplicationConformance {

    LatchingConformanceTest() {
        super(new LatchingApplication(), Map.of("length", "12", "train.size", "30", "validation.size", "10",
                "test.size", "10"), Set.of("accuracy", "mse"));
    }
}
