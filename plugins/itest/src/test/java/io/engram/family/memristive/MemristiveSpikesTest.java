package io.engram.family.memristive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.app.spikes.internal.SpikesApplication;
import io.engram.family.lsm.ReservoirRuns;
import io.engram.family.memristive.internal.MemristiveFamily;
import io.engram.testkit.ReferenceBackend;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A memristive circuit (Caravelli, Traversa and Di Ventra 2017) as a reservoir on a small temporal
 * task, its readout of the memories fitted by ridge regression: four jittered Poisson spike-train
 * templates (4 channels, 20 Hz, 200 ms) told apart from their last 20 ms, which needs a memory of
 * the earlier spikes. The same circuit whose memories decay within a step sees only the latest
 * spikes and stays far below (0.42 here).
 */
class MemristiveSpikesTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    private double accuracy(String alpha) {
        Map<String, String> data = new HashMap<>(Map.of("train.size", "100", "validation.size", "40", "test.size", "100"));
        data.putAll(Map.of("task", "templates", "classes", "4"));
        Map<String, String> model = Map.of("nodes", "12", "edges", "30", "xi", "10", "alpha", alpha, "beta", "10");
        Map<String, Double> r = ReservoirRuns.run(backend, new MemristiveFamily(), model, new SpikesApplication(), data,
                Map.of("washout", "0"), 1);
        System.out.println("memristive alpha=" + alpha + ": " + r);
        return r.get("test");
    }

    @Test
    void classifiesJitteredTemplatesWellAboveChanceThroughItsMemory() {
        double slow = accuracy("0.02");
        double forgetful = accuracy("2");
        assertTrue(slow > 0.9, "accuracy with memories that decay over 1/alpha = 50 ms: " + slow + " (chance 0.25)");
        assertTrue(forgetful < 0.6, "accuracy with memories that decay within a step (1/alpha = 0.5 ms): " + forgetful + " (chance 0.25)");
    }
}
