package io.engram.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CudaBackendTest {
    private static final CudaBackend CUDA = new CudaBackend();
    /** The reasons the backend gives when it cannot run, each naming its cause. */
    private static final Pattern REASONS = Pattern.compile("^(no CUDA driver: .+|no CUDA device: .+|device: no CUDA device .+|insufficient driver: .+"
            + "|the driver cannot load Engram's kernels .+|CUDA: .+)$");

    @AfterAll
    static void close() {
        CUDA.release();
        CUDA.close();
    }

    private static void needsDevice() {
        Assumptions.assumeTrue(CUDA.availability().available(),
                () -> "cuda backend unavailable: " + CUDA.availability().reason());
    }

    @Test
    void availabilityNamesItsReasonAndOpsRefuseWithIt() {
        System.out.println("cuda: " + CUDA);
        if (CUDA.availability().available()) {
            assertEquals("", CUDA.availability().reason());
            assertFalse(CUDA.device().isEmpty());
            return;
        }
        String reason = CUDA.availability().reason();
        assertTrue(REASONS.matcher(reason).matches(), reason);
        IllegalStateException e = assertThrows(IllegalStateException.class, CUDA::ops);
        assertEquals("the cuda backend is not available here: " + reason, e.getMessage());
        assertEquals("", CUDA.gemm());
        CUDA.release();
        assertEquals("cuda", CUDA.id());
    }

    @Test
    void anotherDeviceOrdinalIsRefusedNamingIt() {
        CudaBackend far = new CudaBackend(4096);
        assertFalse(far.availability().available());
        assertTrue(REASONS.matcher(far.availability().reason()).matches(), far.availability().reason());
        if (CUDA.availability().available()) {
            assertTrue(far.availability().reason().startsWith("device: no CUDA device 4096"),
                    far.availability().reason());
        }
        far.close();
    }

    @Test
    void tensorsStayOnTheDeviceAcrossThreadsAndWorkspaces() throws Exception {
        needsDevice();
        Ops ops = CUDA.ops();
        Tensor a = ops.fromArray(DType.F32, Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
        Tensor kept;
        Tensor dropped;
        try (Workspace ws = ops.workspace()) {
            dropped = ops.scale(a, 2.0);
            kept = ws.keep(ops.addScalar(dropped, 1.0));
        }
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13}, kept.toFloatArray());
        Tensor gone = dropped;
        IllegalStateException e = assertThrows(IllegalStateException.class, gone::toFloatArray);
        assertTrue(e.getMessage().contains("closed workspace"), e.getMessage());

        // a tensor made on this thread's stream, used on another thread's stream
        Tensor other = CompletableFuture.supplyAsync(() -> {
            Tensor r = ops.mul(kept, kept);
            Tensor copy = ops.fromArray(DType.F32, Shape.of(6), r.toFloatArray());
            CUDA.release();
            return copy;
        }).get();
        assertArrayEquals(new double[] {9, 25, 49, 81, 121, 169}, other.toDoubleArray(), 0.0);
        assertEquals(169.0 + 121 + 81 + 49 + 25 + 9, ops.sumAll(other).item(), 0.0);
    }

    /** Products large enough for the 128 x 128 tile kernel (odd extents, every transpose), and a bias GEMM. */
    @Test
    void largeProductsAgreeWithTheReference() {
        needsDevice();
        Ops ops = CUDA.ops();
        try (io.engram.testkit.ReferenceBackend reference = new io.engram.testkit.ReferenceBackend()) {
            Ops ref = reference.ops();
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
            // 128 x 128 tiles; then few 64 x 64 tiles with a long inner extent, split along it
            int[][] sizes = {{1291, 1187, 77}, {32, 300, 1000}};
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (int s = 0; s < sizes.length * 4; s++) {
                    int m = sizes[s / 4][0];
                    int n = sizes[s / 4][1];
                    int k = sizes[s / 4][2];
                    int flags = s % 4;
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    double[] av = rnd.doubles((long) m * k, -1, 1).toArray();
                    double[] bv = rnd.doubles((long) k * n, -1, 1).toArray();
                    Shape as = ta ? Shape.of(k, m) : Shape.of(m, k);
                    Shape bs = tb ? Shape.of(n, k) : Shape.of(k, n);
                    double[] got = ops.matmul(ops.fromArray(dt, as, av), ops.fromArray(dt, bs, bv), ta, tb).toDoubleArray();
                    double[] want = ref.matmul(ref.fromArray(DType.F64, as, av), ref.fromArray(DType.F64, bs, bv), ta, tb)
                            .toDoubleArray();
                    double err = maxError(got, want);
                    System.out.printf("large matmul %s [%d x %d x %d] ta=%s tb=%s: max error %.2e%n", dt, m, k, n, ta, tb,
                            err);
                    assertTrue(err <= (dt == DType.F32 ? 1e-5 : 1e-12), dt + " ta=" + ta + " tb=" + tb + ": " + err);
                }
                double[] xv = rnd.doubles(3200L * 128, -1, 1).toArray();
                double[] wv = rnd.doubles(128L * 1024, -1, 1).toArray();
                double[] bv = rnd.doubles(1024, -1, 1).toArray();
                double[] got = ops.inputProjection(ops.fromArray(dt, Shape.of(3200, 128), xv),
                        ops.fromArray(dt, Shape.of(128, 1024), wv), ops.fromArray(dt, Shape.of(1024), bv)).toDoubleArray();
                double[] want = ref.inputProjection(ref.fromArray(DType.F64, Shape.of(3200, 128), xv),
                        ref.fromArray(DType.F64, Shape.of(128, 1024), wv), ref.fromArray(DType.F64, Shape.of(1024), bv))
                        .toDoubleArray();
                double err = maxError(got, want);
                System.out.printf("large inputProjection %s: max error %.2e%n", dt, err);
                assertTrue(err <= (dt == DType.F32 ? 1e-5 : 1e-12), dt + ": " + err);

                // the fused step at lstm_std's size: its recurrent product is split, then added to xProj
                double[][] parts = {rnd.doubles(32L * 1024, -1, 1).toArray(), rnd.doubles(32L * 256, -1, 1).toArray(),
                    rnd.doubles(32L * 256, -1, 1).toArray(), rnd.doubles(256L * 1024, -0.1, 0.1).toArray()};
                Shape[] shapes = {Shape.of(32, 1024), Shape.of(32, 256), Shape.of(32, 256), Shape.of(256, 1024)};
                io.engram.tensor.RecurrentKernels.LstmGates g = ops.kernels().lstmStepWithGates(ops.fromArray(dt, shapes[0], parts[0]),
                        ops.fromArray(dt, shapes[1], parts[1]), ops.fromArray(dt, shapes[2], parts[2]),
                        ops.fromArray(dt, shapes[3], parts[3]));
                io.engram.tensor.RecurrentKernels.LstmGates w = ref.kernels().lstmStepWithGates(ref.fromArray(DType.F64, shapes[0], parts[0]),
                        ref.fromArray(DType.F64, shapes[1], parts[1]), ref.fromArray(DType.F64, shapes[2], parts[2]),
                        ref.fromArray(DType.F64, shapes[3], parts[3]));
                java.util.List<Tensor> gl = java.util.List.of(g.h(), g.c(), g.gates());
                java.util.List<Tensor> wl = java.util.List.of(w.h(), w.c(), w.gates());
                for (int i = 0; i < 3; i++) {
                    double e = maxError(gl.get(i).toDoubleArray(), wl.get(i).toDoubleArray());
                    System.out.printf("lstmStepWithGates B=32 H=256 %s output %d: max error %.2e%n", dt, i, e);
                    assertTrue(e <= (dt == DType.F32 ? 1e-5 : 1e-12), dt + " output " + i + ": " + e);
                }

                // the GRU step and its adjoint at the same size: their products are split too
                double[][] gp = {rnd.doubles(32L * 768, -1, 1).toArray(), rnd.doubles(32L * 256, -1, 1).toArray(),
                    rnd.doubles(256L * 512, -0.1, 0.1).toArray(), rnd.doubles(256L * 256, -0.1, 0.1).toArray(),
                    rnd.doubles(32L * 256, -1, 1).toArray()};
                Shape[] gs = {Shape.of(32, 768), Shape.of(32, 256), Shape.of(256, 512), Shape.of(256, 256), Shape.of(32, 256)};
                io.engram.tensor.RecurrentKernels.GruGates gg = ops.kernels().gruStepWithGates(ops.fromArray(dt, gs[0], gp[0]), ops.fromArray(dt, gs[1], gp[1]),
                        ops.fromArray(dt, gs[2], gp[2]), ops.fromArray(dt, gs[3], gp[3]));
                io.engram.tensor.RecurrentKernels.GruGates gw = ref.kernels().gruStepWithGates(ref.fromArray(DType.F64, gs[0], gp[0]),
                        ref.fromArray(DType.F64, gs[1], gp[1]), ref.fromArray(DType.F64, gs[2], gp[2]),
                        ref.fromArray(DType.F64, gs[3], gp[3]));
                io.engram.tensor.RecurrentKernels.GruStepAdjoint bg = ops.kernels().gruStepBackward(gg.gates(), ops.fromArray(dt, gs[1], gp[1]),
                        ops.fromArray(dt, gs[3], gp[3]), ops.fromArray(dt, gs[4], gp[4]));
                io.engram.tensor.RecurrentKernels.GruStepAdjoint bw = ref.kernels().gruStepBackward(gw.gates(), ref.fromArray(DType.F64, gs[1], gp[1]),
                        ref.fromArray(DType.F64, gs[3], gp[3]), ref.fromArray(DType.F64, gs[4], gp[4]));
                double[] errs = {maxError(gg.h().toDoubleArray(), gw.h().toDoubleArray()),
                    maxError(gg.gates().toDoubleArray(), gw.gates().toDoubleArray()),
                    maxError(bg.dz().toDoubleArray(), bw.dz().toDoubleArray()),
                    maxError(bg.dhPart().toDoubleArray(), bw.dhPart().toDoubleArray())};
                System.out.printf("gruStepWithGates/gruStepBackward B=32 H=256 %s: max errors %s%n", dt,
                        java.util.Arrays.toString(errs));
                for (double e : errs) {
                    assertTrue(e <= (dt == DType.F32 ? 1e-5 : 1e-12), dt + ": " + java.util.Arrays.toString(errs));
                }
            }
        }
    }

    /** max |x - y| / (1 + max |y|), the conformance suite's measure. */
    private static double maxError(double[] got, double[] want) {
        assertEquals(want.length, got.length);
        double scale = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(got[i] - want[i]));
        }
        return err / (1 + scale);
    }

    @Test
    void manyStepsReuseDeviceMemory() {
        needsDevice();
        Ops ops = CUDA.ops();
        CUDA.release();
        Tensor h = ops.zeros(DType.F32, Shape.of(256, 256));
        Tensor w = ops.full(DType.F32, Shape.of(256, 256), 1e-3);
        int steps = (int) Math.min(20000, 4 * CUDA.collectAfterBytes() / (3L * 256 * 256 * 4));
        for (int step = 0; step < steps; step++) {
            h = ops.tanh(ops.addScalar(ops.matmul(h, w), 0.01));
        }
        double v = h.toDoubleArray()[0];
        assertTrue(v > 0.01 && v < 0.02, "h = " + v);
        long peak = CUDA.peakDeviceBytes();
        System.out.println("peak device bytes over " + steps + " steps: " + peak + " (collecting after "
                + CUDA.collectAfterBytes() + " bytes)");
        // four times the collection threshold allocated in all; dead tensors hold at most one threshold's worth
        assertTrue(peak < CUDA.collectAfterBytes() + (64L << 20), "peak " + peak + " bytes: blocks are not reused");
    }
}
