package io.engram.family.hopfield.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Energy descent under asynchronous updates (Hopfield 1982, eq. 7) and the synchronous 2-cycle. */
class HopfieldEnergyTest {
    private static final int N = 200;

    @Test
    void energyNeverIncreasesUnderAsynchronousUpdates() {
        HopfieldNetwork hebbian = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        hebbian.store(Memories.OPS, StorageRules.HEBBIAN, Memories.tensor(Memories.random(30, N, 5), N));
        HopfieldNetwork storkey = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        storkey.store(Memories.OPS, StorageRules.STORKEY, Memories.tensor(Memories.random(60, N, 6), N));
        HopfieldNetwork random = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        random.setParameters(Map.of(HopfieldNetwork.WEIGHTS, Memories.OPS.fromArray(DType.F64, Shape.of(N, N),
                symmetric(N, 7))));
        int sweeps = 0;
        for (HopfieldNetwork net : new HopfieldNetwork[] {hebbian, storkey, random}) {
            sweeps += descends(net, Memories.random(100, N, 8));
        }
        assertTrue(sweeps > 300, "the states moved for " + sweeps + " sweeps in all");
    }

    /** Sweeps each state to its fixed point, checking each sweep's energy; the number of sweeps that changed a unit. */
    private static int descends(HopfieldNetwork net, double[] states) {
        double[] w = net.parameters().get(HopfieldNetwork.WEIGHTS).toDoubleArray();
        int moved = 0;
        for (int off = 0; off < states.length; off += N) {
            double before = HopfieldDynamics.energy(w, N, states, off);
            boolean changed = true;
            while (changed) {
                changed = HopfieldDynamics.sweep(w, N, states, off, null);
                double after = HopfieldDynamics.energy(w, N, states, off);
                assertTrue(after <= before + 1e-9 * (1 + Math.abs(before)), "energy rose from " + before + " to " + after);
                moved += changed ? 1 : 0;
                before = after;
            }
            double[] fixed = java.util.Arrays.copyOfRange(states, off, off + N);
            double[] again = net.recall(Memories.OPS, Memories.tensor(fixed, N), 5).toDoubleArray();
            assertArrayEquals(fixed, again, "recall leaves a fixed point where it is");
        }
        return moved;
    }

    @Test
    void synchronousUpdatesCanCycleWhereAsynchronousOnesSettle() {
        double[] w = {0, 1, 1, 0};
        double[] sync = {1, -1};
        assertTrue(HopfieldDynamics.synchronous(w, 2, sync, 0, null));
        assertArrayEquals(new double[] {-1, 1}, sync, "both units follow each other's old value");
        assertTrue(HopfieldDynamics.synchronous(w, 2, sync, 0, null));
        assertArrayEquals(new double[] {1, -1}, sync, "and come back: a 2-cycle");
        double[] async = {1, -1};
        assertTrue(HopfieldDynamics.sweep(w, 2, async, 0, null));
        assertArrayEquals(new double[] {-1, -1}, async, "unit 1 sees unit 0's new value");
        assertFalse(HopfieldDynamics.sweep(w, 2, async, 0, null), "a fixed point");
        assertEquals(-1.0, HopfieldDynamics.energy(w, 2, async, 0), 0.0);
        assertEquals(1.0, HopfieldDynamics.energy(w, 2, new double[] {1, -1}, 0), 0.0);
    }

    private static double[] symmetric(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                w[i * n + j] = r.nextGaussian();
                w[j * n + i] = w[i * n + j];
            }
        }
        return w;
    }
}
