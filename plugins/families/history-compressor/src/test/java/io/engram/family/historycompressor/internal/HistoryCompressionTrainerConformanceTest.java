package io.engram.family.historycompressor.internal;

import io.engram.testkit.BackendConformance;
import io.engram.testkit.TrainerConformance;
import java.util.List;
import java.util.Map;

/** The history-compression trainer held to the trainer conformance suite, on a small distilling compressor. */
class HistoryCompressionTrainerConformanceTest extends TrainerConformance {

    HistoryCompressionTrainerConformanceTest() {
        super(new HistoryCompressionTrainer(), Map.of("epochs", "3", "batch.size", "3"));
    }

    @Override
    protected BackendConformance.FamilyCase family() {
        return new BackendConformance.FamilyCase(new HistoryCompressorFamily(),
                Map.of("hidden", "3", "levels", "2", "distill", "true"));
    }

    @Override
    protected List<BadCase> badHyperparameters() {
        return List.of(new BadCase(Map.of("distill", "-1"), "distill"));
    }
}
