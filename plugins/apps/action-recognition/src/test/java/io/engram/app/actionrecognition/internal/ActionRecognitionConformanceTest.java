package io.engram.app.actionrecognition.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class ActionRecognitionConformanceTest extends ApplicationConformance {
    ActionRecognitionConformanceTest() {
        super(new ActionRecognitionApplication(), Map.of("performers", "3", "test.performers", "1", "per.action", "2",
                        "frames", "12"),
                Set.of("accuracy", "macro.f1", "recall.wave", "recall.walk", "recall.jump", "recall.punch", "recall.kick",
                        "recall.sit-down", "recall.stand-up", "baseline.accuracy", "baseline.macro.f1"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("performers", "3", "test.performers", "3"), "test.performers"),
                new BadCase(Map.of("source", "files"), "train.file"));
    }
}
