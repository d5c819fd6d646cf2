package io.engram.app.forecast.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The forecast application held to the application conformance suite, on a short Mackey-Glass series. */
class ForecastConformanceTest extends ApplicationConformance {

    ForecastConformanceTest() {
        super(new ForecastApplication(), Map.of("length", "300", "discard", "100", "window", "12", "horizon", "3"),
                new HashSet<>(ForecastApplication.metricNames(false)));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("season", "13"), "data.season"),
                new BadCase(Map.of("train.fraction", "0.5", "validation.fraction", "0.5"), "data.validation.fraction"),
                new BadCase(Map.of("window", "200"), "data.train.fraction"),
                new BadCase(Map.of("forecast", "direct", "train.layout", "whole"), "data.train.layout"));
    }
}
