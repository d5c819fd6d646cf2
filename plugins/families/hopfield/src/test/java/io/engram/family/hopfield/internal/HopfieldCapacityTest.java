package io.engram.family.hopfield.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Recall against the load {@code p/N} at {@code N = 200}: the Hebbian rule recalls its patterns well
 * below the capacity of about {@code 0.138 N} (Amit, Gutfreund and Sompolinsky 1985) and breaks down
 * well above it; the Storkey rule (Storkey 1997) still recalls where the Hebbian rule fails. Each
 * figure is the fraction of bits wrong after recall to a fixed point, from the stored patterns
 * themselves or from cues with 10% of their bits flipped.
 */
class HopfieldCapacityTest {
    private static final int N = 200;

    @Test
    void hebbianRecallBreaksDownAboveTheCapacity() {
        double[] loads = {0.05, 0.10, 0.138, 0.20, 0.25};
        double[] error = new double[loads.length];
        for (int k = 0; k < loads.length; k++) {
            error[k] = Memories.stability(StorageRules.HEBBIAN, N, loads[k], 1);
            System.out.printf("hebbian N=%d load %.3f: bit error %.4f%n", N, loads[k], error[k]);
        }
        assertEquals(0.0, error[0], 1e-12, "load 0.05");
        assertTrue(error[1] < 0.005, "load 0.10: " + error[1]);
        assertTrue(error[2] < 0.016, "load 0.138, below the 1.6% of the theory: " + error[2]);
        assertTrue(error[3] > 0.05, "load 0.20: " + error[3]);
        assertTrue(error[4] > 0.2, "load 0.25: " + error[4]);
    }

    @Test
    void storkeyStoresMoreThanHebbian() {
        double hebbian = Memories.stability(StorageRules.HEBBIAN, N, 0.25, 2);
        double storkey = Memories.stability(StorageRules.STORKEY, N, 0.25, 2);
        System.out.printf("N=%d load 0.25: hebbian %.4f, storkey %.4f%n", N, hebbian, storkey);
        assertTrue(hebbian > 0.2, "hebbian fails at 0.25: " + hebbian);
        assertEquals(0.0, storkey, 1e-12, "storkey holds every bit at 0.25");
        assertTrue(Memories.stability(StorageRules.STORKEY, N, 0.35, 2) < 0.005, "storkey at 0.35");
    }

    @Test
    void patternsAreRecalledFromCuesWithTenPercentOfBitsFlippedBelowCapacity() {
        for (String rule : StorageRules.NAMES) {
            double[] atFive = noisyRecall(rule, 0.05);
            assertEquals(1.0, atFive[1], 1e-12, rule + " at load 0.05: every pattern exactly, bit error " + atFive[0]);
        }
        double[] hebbian = noisyRecall(StorageRules.HEBBIAN, 0.10);
        assertTrue(hebbian[0] < 0.01, "hebbian at load 0.10: bit error " + hebbian[0]);
        assertTrue(hebbian[1] >= 0.8, "hebbian at load 0.10: recalled exactly " + hebbian[1]);
        double[] storkey = noisyRecall(StorageRules.STORKEY, 0.20);
        assertEquals(1.0, storkey[1], 1e-12, "storkey at load 0.20: every pattern exactly, bit error " + storkey[0]);
    }

    /** Bit error and fraction recalled exactly from cues with 10% of the bits flipped, at {@code load}. */
    private static double[] noisyRecall(String rule, double load) {
        HopfieldNetwork net = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        double[] xi = Memories.random((int) Math.round(load * N), N, 3);
        net.store(Memories.OPS, rule, Memories.tensor(xi, N));
        double[] cue = Memories.flipped(xi, N, 0.1, 4);
        assertEquals(0.1, Memories.bitError(xi, cue), 1e-12, "cues with 10% flipped");
        double[] recalled = net.recall(Memories.OPS, Memories.tensor(cue, N), 100).toDoubleArray();
        System.out.printf("%s N=%d load %.2f, 10%% flipped: bit error %.4f, recalled %.3f%n", rule, N, load,
                Memories.bitError(xi, recalled), Memories.exact(xi, recalled, N));
        return new double[] {Memories.bitError(xi, recalled), Memories.exact(xi, recalled, N)};
    }
}
