package io.engram.family.dnc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.engram.autodiff.Tape;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Retention, usage, allocation and write weighting of Graves et al. (2016) against values computed by hand. */
class DncAllocationTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final double TOLERANCE = 1e-12;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    static Tensor t(int b, int rows, int cols, double... v) {
        return OPS.fromArray(DType.F64, Shape.of(b, rows, cols), v);
    }

    @Test
    void allocationFillsTheLeastUsedSlotFirst() {
        // free list 1 (0.1), 3 (0.2), 0 (0.4), 2 (0.7)
        Tensor a = DncAllocation.allocation(OPS, t(1, 1, 4, 0.4, 0.1, 0.7, 0.2));
        assertArrayEquals(new double[] {0.6 * 0.1 * 0.2, 0.9, 0.3 * 0.1 * 0.2 * 0.4, 0.8 * 0.1}, a.toDoubleArray(), TOLERANCE);
    }

    /** Given the free list, the gradient with respect to the usage is that of the products, by hand. */
    @Test
    void theAllocationIsDifferentiableWithRespectToUsage() {
        Tape tape = new Tape(OPS);
        Tensor usage = tape.leaf(t(1, 1, 4, 0.4, 0.1, 0.7, 0.2));
        Tensor loss = tape.sumAll(tape.mul(DncAllocation.allocation(tape, usage), t(1, 1, 4, 1, 2, 3, 4)));
        // a1 = 1 - u1, a3 = (1 - u3) u1, a0 = (1 - u0) u1 u3, a2 = (1 - u2) u1 u3 u0
        double[] expected = {-0.1 * 0.2 + 3 * 0.3 * 0.1 * 0.2, -2 + 4 * 0.8 + 0.6 * 0.2 + 3 * 0.3 * 0.2 * 0.4,
                -3 * 0.1 * 0.2 * 0.4, -4 * 0.1 + 0.6 * 0.1 + 3 * 0.3 * 0.1 * 0.4};
        assertArrayEquals(expected, tape.backward(loss).of(usage).toDoubleArray(), 1e-12);
    }

    @Test
    void everyRowOfABatchHasItsOwnFreeListAndTiesGoByIndex() {
        Tensor a = DncAllocation.allocation(OPS, t(2, 1, 3, 0.5, 0.5, 0.2, 0, 0, 0));
        // row 0: order 2, 0, 1; row 1: all free, order 0, 1, 2: the first slot takes everything
        assertArrayEquals(new double[] {0.5 * 0.2, 0.5 * 0.2 * 0.5, 0.8, 1, 0, 0}, a.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0, 0, 0}, DncAllocation.allocation(OPS, t(1, 1, 3, 1, 1, 1)).toDoubleArray(),
                TOLERANCE, "a full memory allocates nothing");
    }

    /**
     * Against the paper's formula computed by hand from an explicit sort, on random usages of a batch
     * with repeated values (ties go by index) and free slots.
     */
    @Test
    void thePrecedenceMatrixGivesTheProductsOfTheSortedFreeList() {
        java.util.Random rnd = new java.util.Random(7);
        int batch = 3;
        int n = 9;
        double[] u = new double[batch * n];
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextInt(4) == 0 ? 0.0 : Math.round(rnd.nextDouble() * 4) / 4.0;
        }
        double[] expected = new double[u.length];
        for (int b = 0; b < batch; b++) {
            int base = b * n;
            Integer[] order = java.util.stream.IntStream.range(0, n).boxed().sorted(java.util.Comparator
                    .comparingDouble((Integer i) -> u[base + i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
            double product = 1.0;
            for (int slot : order) {
                expected[base + slot] = (1 - u[base + slot]) * product;
                product *= u[base + slot];
            }
        }
        assertArrayEquals(expected, DncAllocation.allocation(OPS, t(batch, 1, n, u)).toDoubleArray(), TOLERANCE);
    }

    @Test
    void retentionKeepsWhatTheFreeGatesDoNotRelease() {
        Tensor free = t(1, 2, 1, 0.5, 1);
        Tensor reads = t(1, 2, 3, 0.2, 0.8, 0, 0, 0.5, 0.5);
        assertArrayEquals(new double[] {0.9, 0.3, 0.5}, DncAllocation.retention(OPS, free, reads).toDoubleArray(), TOLERANCE);
    }

    @Test
    void usageGrowsByTheLastWriteAndShrinksByRetention() {
        Tensor u = DncAllocation.usage(OPS, t(1, 1, 3, 0.5, 0, 1), t(1, 1, 3, 0.5, 1, 0), t(1, 1, 3, 1, 0.5, 0.2));
        assertArrayEquals(new double[] {0.75, 0.5, 0.2}, u.toDoubleArray(), TOLERANCE);
    }

    @Test
    void theWriteWeightingMixesAllocationAndContentUnderTheWriteGate() {
        Tensor w = DncAllocation.writeWeighting(OPS, t(1, 1, 1, 0.25), t(1, 1, 1, 0.8), t(1, 1, 3, 1, 0, 0),
                t(1, 1, 3, 0.2, 0.4, 0.4));
        assertArrayEquals(new double[] {0.32, 0.24, 0.24}, w.toDoubleArray(), 1e-12);
    }
}
