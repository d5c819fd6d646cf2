package io.engram.app.motion.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The limit-cycle task held to the application conformance suite. */
class LimitCycleConformanceTest extends ApplicationConformance {

    LimitCycleConformanceTest() {
        super(new LimitCycleApplication(), Map.of("period", "8", "cycles", "2", "horizon", "3", "noise", "0.01"),
                Set.of("period", "period.error", "amplitude.error", "mse"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("period", "100000", "cycles", "1000", "horizon", "1000"), "horizon"));
    }
}
