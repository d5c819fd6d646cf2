package io.engram.app.series.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.Map;
import java.util.Set;

/** The series application held to the application conformance suite, at a small size. */
class SeriesConformanceTest extends ApplicationConformance {

    SeriesConformanceTest() {
        super(new SeriesApplication(), Map.of("train.length", "60", "test.trials", "3", "test.warmup", "20",
                "horizon", "5", "discard", "50"), Set.of("mse", "rmse", "nrmse", "nrmse.free", "log10.nrmse.free", "mse.free"));
    }
}
