package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Workspaces: recycled memory, identical results, and loud failure on use after close. */
class ArenaTest {
    private static final CpuBackend BACKEND = new CpuBackend(2);
    private static final CpuOps OPS = (CpuOps) BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    private static Tensor random(Random rnd, DType d, int... dims) {
        double[] v = new double[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * 0.5;
        }
        return OPS.fromArray(d, Shape.of(dims), v);
    }

    /** Twenty decomposed LSTM steps, each in its own workspace keeping only h and c. */
    private static double[] run(boolean workspaces, DType d) {
        Random rnd = new Random(5);
        Tensor xProj = random(rnd, d, 3, 16);
        Tensor wh = random(rnd, d, 4, 16);
        Tensor h = OPS.zeros(d, Shape.of(3, 4));
        Tensor c = OPS.zeros(d, Shape.of(3, 4));
        for (int t = 0; t < 20; t++) {
            if (workspaces) {
                try (Workspace ws = OPS.workspace()) {
                    RecurrentKernels.LstmState hc = RecurrentKernels.decomposed(OPS).lstmStep(xProj, h, c, wh);
                    h = ws.keep(hc.h());
                    c = ws.keep(hc.c());
                }
            } else {
                RecurrentKernels.LstmState hc = RecurrentKernels.decomposed(OPS).lstmStep(xProj, h, c, wh);
                h = hc.h();
                c = hc.c();
            }
        }
        return OPS.concat(1, List.of(h, c)).toDoubleArray();
    }

    @Test
    void recycledMemoryGivesIdenticalResults() {
        for (DType d : DType.values()) {
            double[] plain = run(false, d);
            long before = OPS.reusedOnThisThread();
            double[] recycled = run(true, d);
            long reused = OPS.reusedOnThisThread() - before;
            assertArrayEquals(plain, recycled, 0.0, d.toString());
            System.out.println("workspace " + d + ": " + reused + " allocations served from the pool over 20 steps");
            assertTrue(reused >= 19 * 10, d + ": " + reused);
        }
    }

    @Test
    void tensorsUsedAfterTheirWorkspaceClosedFailLoudly() {
        Tensor outside = OPS.full(DType.F64, Shape.of(2), 1.0);
        Tensor dead;
        Tensor kept;
        Tensor deadView;
        try (Workspace ws = OPS.workspace()) {
            dead = OPS.add(outside, outside);
            deadView = OPS.reshape(dead, Shape.of(1, 2));
            kept = ws.keep(OPS.mul(outside, OPS.full(DType.F64, Shape.of(2), 3.0)));
            assertArrayEquals(new double[] {2, 2}, dead.toDoubleArray());
        }
        assertArrayEquals(new double[] {3, 3}, kept.toDoubleArray());
        assertArrayEquals(new double[] {4, 4}, OPS.add(kept, outside).toDoubleArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, dead::toDoubleArray);
        assertTrue(e.getMessage().contains("used after its workspace closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OPS.add(dead, outside));
        assertThrows(IllegalStateException.class, () -> OPS.tanh(deadView));
    }

    @Test
    void keptTensorsPassToTheEnclosingWorkspace() {
        Tensor one = OPS.full(DType.F32, Shape.of(3), 1.0);
        Tensor survivor;
        Tensor inner;
        try (Workspace outer = OPS.workspace()) {
            try (Workspace in = OPS.workspace()) {
                inner = in.keep(OPS.addScalar(one, 1.0));
                survivor = in.keep(OPS.addScalar(one, 2.0));
            }
            assertArrayEquals(new float[] {2, 2, 2}, inner.toFloatArray());
            outer.keep(survivor);
        }
        assertArrayEquals(new float[] {3, 3, 3}, survivor.toFloatArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, inner::toFloatArray);
        assertTrue(e.getMessage().contains("keep()"), e.getMessage());
    }

    @Test
    void misuseIsReported() throws Exception {
        Workspace outer = OPS.workspace();
        Workspace inner = OPS.workspace();
        IllegalStateException order = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(order.getMessage().contains("reverse order"), order.getMessage());
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                inner.close();
            } catch (Throwable t) {
                fromOther.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(fromOther.get() instanceof IllegalStateException, String.valueOf(fromOther.get()));
        inner.close();
        inner.close();
        outer.close();
        assertThrows(IllegalStateException.class, () -> inner.keep(OPS.zeros(DType.F64, Shape.of(1))));
        assertEquals(Shape.of(1), OPS.zeros(DType.F64, Shape.of(1)).shape());
    }

    /** A product written into a recycled array that still holds other values overwrites them all. */
    @Test
    void productsOverwriteRecycledArrays() {
        Random rnd = new Random(9);
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            Tensor a = random(rnd, d, 24, 40);
            Tensor b = random(rnd, d, 40, 30);
            double[] expected = OPS.matmul(a, b).toDoubleArray();
            for (int round = 0; round < 3; round++) {
                try (Workspace ws = OPS.workspace()) {
                    // leaves arrays of the product's size full of other values in the pool
                    OPS.full(d, Shape.of(24, 30), 1e6);
                    OPS.full(d, Shape.of(24, 30), -7.0);
                }
                try (Workspace ws = OPS.workspace()) {
                    assertArrayEquals(expected, OPS.matmul(a, b).toDoubleArray(), 0.0, d + " round " + round);
                }
            }
        }
    }
}
