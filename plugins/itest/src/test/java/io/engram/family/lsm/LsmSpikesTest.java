package io.engram.family.lsm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.app.spikes.internal.SpikesApplication;
import io.engram.family.lsm.internal.LsmFamily;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The liquid state machine's results in the manner of Maass, Natschlaeger and Markram (2002), at a
 * size that runs in seconds: the paper's 135-neuron column with dynamic synapses, its readout fitted
 * by ridge regression on the filtered spike trains.
 */
class LsmSpikesTest {
    private static final Map<String, String> SIZES = Map.of("train.size", "100", "validation.size", "40", "test.size", "100");
    private final ReferenceBackend backend = new ReferenceBackend();

    private double accuracy(Map<String, String> task) {
        Map<String, String> data = new java.util.HashMap<>(SIZES);
        data.putAll(task);
        Map<String, Double> r = ReservoirRuns.run(backend, new LsmFamily(), Map.of(), new SpikesApplication(), data,
                Map.of("washout", "0"), 1);
        System.out.println("lsm " + task + ": " + r);
        return r.get("test");
    }

    /** Four jittered Poisson templates (4 channels, 20 Hz, 200 ms, 4 ms jitter): chance is 0.25. */
    @Test
    void classifiesJitteredSpikeTrainTemplatesWellAboveChance() {
        double acc = accuracy(Map.of("task", "templates", "classes", "4"));
        assertTrue(acc > 0.9, "template accuracy " + acc + " (chance 0.25)");
    }

    /** Recall of the class (one of 2) of the 30 ms segment from d segments ago: it fades with d toward chance (0.5). */
    @Test
    void memoryOfPastInputsDecaysWithTheDelay() {
        Map<String, String> task = Map.of("task", "memory", "classes", "2", "channels", "8", "rate", "40");
        double[] acc = new double[5];
        for (int d : new int[] {0, 1, 4}) {
            Map<String, String> t = new java.util.HashMap<>(task);
            t.put("delay", Integer.toString(d));
            acc[d] = accuracy(t);
        }
        assertTrue(acc[0] > 0.95, "accuracy at delay 0: " + acc[0]);
        assertTrue(acc[1] < acc[0] - 0.05 && acc[4] < acc[1] - 0.1, "accuracy at delays 0, 1, 4: " + acc[0] + ", "
                + acc[1] + ", " + acc[4]);
        assertTrue(acc[4] < 0.7, "accuracy at delay 4 (120 ms ago) is near chance 0.5: " + acc[4]);
    }
}
