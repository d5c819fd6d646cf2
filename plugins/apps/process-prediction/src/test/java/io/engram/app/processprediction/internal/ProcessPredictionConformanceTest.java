package io.engram.app.processprediction.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class ProcessPredictionConformanceTest extends ApplicationConformance {
    ProcessPredictionConformanceTest() {
        super(new ProcessPredictionApplication(), Map.of("cases", "120"), Set.of("accuracy", "baseline.accuracy"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("separator", ";;"), "data.separator"),
                new BadCase(Map.of("file", XesReaderTest.resource("helpdesk.xes").toString(), "case.column", "x",
                        "test.fraction", "0.9", "validation.fraction", "0.9", "cases", "10"), "training"));
    }
}
