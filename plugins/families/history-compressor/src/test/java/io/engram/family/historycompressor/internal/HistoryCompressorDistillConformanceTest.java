package io.engram.family.historycompressor.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class HistoryCompressorDistillConformanceTest extends FamilyConformance {
    HistoryCompressorDistillConformanceTest() {
        super(new HistoryCompressorFamily(), Map.of("hidden", "3", "levels", "2", "distill", "true", "output", "automatizer"));
    }
}
