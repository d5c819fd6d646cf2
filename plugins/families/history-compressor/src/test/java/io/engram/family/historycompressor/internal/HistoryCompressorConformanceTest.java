package io.engram.family.historycompressor.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class HistoryCompressorConformanceTest extends FamilyConformance {
    HistoryCompressorConformanceTest() { super(new HistoryCompressorFamily(), Map.of("hidden", "3", "levels", "3")); }
}
