package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code blas} choice: which implementation each mode picks, with and without a native
 * library, and the native product against the textbook loop in f64 (where rounding differences
 * from another summation order stay near 1e-15) and f32 within {@code k * 2^-24} relative to
 * {@code sum |a||b|}, the standard bound for a sum of k products in any order.
 */
class NativeBlasTest {

    @Test
    void javaOverrideNeverUsesNativeAndIsAlwaysAvailable() {
        try (CpuBackend b = new CpuBackend(2, Blas.JAVA)) {
            assertTrue(b.availability().available());
            assertEquals("f32: Java blocked GEMM; f64: Java blocked GEMM", b.gemm());
        }
    }

    /**
     * The bundled OpenBLAS loads from the class path here (the bundle io.engram.openblas is a
     * dependency) and, being first, is what auto, bundled and native bind; system then names it as
     * the reason it cannot be used in this process.
     */
    @Test
    void theBundledOpenBlasLoadsAndIsWhatAutoBundledAndNativeUse() {
        try (CpuBackend auto = new CpuBackend(2, Blas.AUTO); CpuBackend bundled = new CpuBackend(2, Blas.BUNDLED);
             CpuBackend nat = new CpuBackend(2, Blas.NATIVE); CpuBackend system = new CpuBackend(2, Blas.SYSTEM)) {
            assertTrue(CpuOps.nativeBlasAvailable(), CpuOps.nativeBlasProblem());
            assertEquals("", CpuOps.nativeBlasProblem());
            assertTrue(auto.availability().available());
            assertTrue(auto.gemm().startsWith("f32: OpenBLAS 0.3.31 via JNI"), auto.gemm());
            assertTrue(auto.gemm().contains("f64: OpenBLAS 0.3.31 via JNI (products of >= 1048576 multiply-adds"),
                    auto.gemm());
            assertTrue(auto.gemm().endsWith("smaller ones on the Java blocked GEMM"), auto.gemm());
            assertTrue(bundled.availability().available());
            assertFalse(bundled.gemm().contains("Java"), bundled.gemm());
            assertTrue(nat.availability().available());
            assertFalse(nat.gemm().contains("Java"), nat.gemm());
            assertFalse(system.availability().available());
            assertEquals("blas=system but no native BLAS loaded (system: this process already uses OpenBLAS 0.3.31 "
                    + "(bundled, org.bytedeco:openblas 0.3.31-1.5.13) (one native BLAS per process; restart to switch))",
                    system.availability().reason());
        }
    }

    /** describe() names the library, its version, source and file, and the threads of both pools. */
    @Test
    void describeNamesTheBundledLibrary() {
        try (CpuBackend auto = new CpuBackend(3, Blas.AUTO); CpuBackend javaGemm = new CpuBackend(2, Blas.JAVA)) {
            java.util.Map<String, String> d = auto.describe();
            assertEquals("OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)", d.get("blas.library"));
            assertEquals("OpenBLAS", d.get("blas.name"));
            assertEquals("0.3.31", d.get("blas.version"));
            assertEquals("bundled", d.get("blas.source"));
            assertTrue(d.get("blas.file").endsWith(".so.0"), d.get("blas.file"));
            assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(d.get("blas.file"))), d.get("blas.file"));
            assertEquals(Integer.toString(NativeBlas.threads()), d.get("blas.threads"));
            assertEquals("auto", d.get("blas.setting"));
            assertEquals("3", d.get("threads"));
            java.util.Map<String, String> j = javaGemm.describe();
            assertEquals("Java GEMM (java, io.engram.backend.cpu)", j.get("blas.library"));
            assertEquals("java", j.get("blas.source"));
            assertEquals("2", j.get("threads"));
        }
    }

    @Test
    void parsesTheSettingInAnyCaseAndRejectsOthers() {
        assertEquals(Blas.NATIVE, Blas.parse(" Native ").orElseThrow());
        assertEquals(Blas.JAVA, Blas.parse("java").orElseThrow());
        assertEquals(Blas.AUTO, Blas.parse("AUTO").orElseThrow());
        assertEquals(Blas.BUNDLED, Blas.parse("bundled").orElseThrow());
        assertEquals(Blas.SYSTEM, Blas.parse("System").orElseThrow());
        assertTrue(Blas.parse("openblas").isEmpty());
        assertTrue(Blas.parse(null).isEmpty());
    }

    /** One product {@code op(a)[m,k] @ op(b)[k,n]} of random operands, stored {@code sa}, {@code sb}. */
    @FunctionalInterface
    private interface Product {
        void check(int m, int n, int k, boolean ta, boolean tb, double[] a, double[] b, Shape sa, Shape sb);
    }

    /** Every size of {@code sizes} ({@code {m, n, k}}) with every transpose flag, operands drawn from {@code rnd}. */
    private static void forEachProduct(Random rnd, int[][] sizes, Product product) {
        for (int[] size : sizes) {
            int m = size[0];
            int n = size[1];
            int k = size[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                product.check(m, n, k, ta, tb, MatmulTest.random(rnd, m * k), MatmulTest.random(rnd, k * n),
                        ta ? Shape.of(k, m) : Shape.of(m, k), tb ? Shape.of(n, k) : Shape.of(k, n));
            }
        }
    }

    @Test
    void nativeProductsAgreeWithTheTextbookLoopForEveryTransposeFlag() {
        try (CpuBackend nat = new CpuBackend(2, Blas.NATIVE)) {
            Ops ops = nat.ops();
            int[][] sizes = {{64, 96, 80}, {33, 17, 129}, {1, 300, 40}, {200, 1, 50}};
            forEachProduct(new Random(11), sizes, (m, n, k, ta, tb, a, b, sa, sb) -> {
                double[] want = MatmulTest.naive64(a, b, m, n, k, ta, tb);
                double[] got = ops.matmul(ops.fromArray(DType.F64, sa, a), ops.fromArray(DType.F64, sb, b), ta, tb)
                        .toDoubleArray();
                float[] got32 = ops.matmul(ops.fromArray(DType.F32, sa, a), ops.fromArray(DType.F32, sb, b), ta, tb)
                        .toFloatArray();
                double[] magnitude = MatmulTest.naive64(abs(a), abs(b), m, n, k, ta, tb);
                for (int i = 0; i < want.length; i++) {
                    String where = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " at " + i;
                    assertEquals(want[i], got[i], 1e-13 * magnitude[i] + 1e-300, where);
                    // inputs rounded to f32 (2 k ulp) plus the f32 sum of k products (k ulp)
                    assertEquals(want[i], got32[i], 3.0 * k * 0x1p-24 * magnitude[i] + 1e-30, where);
                }
            });
        }
    }

    /**
     * Products large enough to be cut into blocks of columns (or of rows, when taller than wide)
     * over the pool agree with the same products made whole, within the same rounding bound.
     */
    @Test
    void productsSplitOverThePoolAgreeWithWholeOnes() {
        assertTrue(NativeBlas.bind(BlasLibrary.BUNDLED).isPresent(), CpuOps.nativeBlasProblem());
        Parallel pool = new Parallel(3);
        try {
            CpuOps split = new CpuOps(pool, true, true, true);
            CpuOps whole = new CpuOps(new Parallel(1), true, true, false);
            assertTrue(split.gemmDescription().contains("split over the pool"), split.gemmDescription());
            int[][] sizes = {{32, 1024, 256}, {32, 256, 1024}, {700, 96, 64}, {256, 1000, 100}};
            forEachProduct(new Random(13), sizes, (m, n, k, ta, tb, a, b, sa, sb) -> {
                double[] magnitude = MatmulTest.naive64(abs(a), abs(b), m, n, k, ta, tb);
                for (DType d : DType.values()) {
                    double[] got = split.matmul(split.fromArray(d, sa, a), split.fromArray(d, sb, b), ta, tb)
                            .toDoubleArray();
                    double[] want = whole.matmul(whole.fromArray(d, sa, a), whole.fromArray(d, sb, b), ta, tb)
                            .toDoubleArray();
                    double eps = d == DType.F64 ? 0x1p-53 : 0x1p-24;
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 2.0 * k * eps * magnitude[i] + 1e-30,
                                d + " " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " at " + i);
                    }
                }
            });
        } finally {
            pool.close();
        }
    }

    /**
     * Under auto, f64 products run natively from 2^20 multiply-adds (128 x 128 x 64) and on the
     * Java GEMM below, bitwise the textbook loop there; f32 products from 4096; explicit settings
     * take f64 products from 4096 too.
     */
    @Test
    void autoRunsOnlyLargeF64ProductsNatively() {
        assertTrue(NativeBlas.bind(BlasLibrary.BUNDLED).isPresent(), CpuOps.nativeBlasProblem());
        Parallel one = new Parallel(1);
        try {
            Gemm auto = new Gemm(one, true, BlasSelection.AUTO_F64_MIN_MACS, false);
            assertTrue(auto.runsNative(DType.F64, 128, 128, 64));
            assertFalse(auto.runsNative(DType.F64, 127, 128, 64));
            assertTrue(auto.runsNative(DType.F32, 16, 16, 16));
            assertFalse(auto.runsNative(DType.F32, 15, 16, 16));
            Gemm explicit = new Gemm(one, true, Gemm.NATIVE_MIN_MACS, false);
            assertTrue(explicit.runsNative(DType.F64, 16, 16, 16));
            Gemm none = new Gemm(one, true, BlasSelection.NEVER, false);
            assertFalse(none.runsNative(DType.F64, 4096, 4096, 4096));
            CpuOps ops = new CpuOps(one, true, BlasSelection.AUTO_F64_MIN_MACS);
            Random rnd = new Random(5);
            int m = 60;
            int n = 100;
            int k = 170;
            double[] a = gaussian(rnd, m * k, 1.0);
            double[] b = gaussian(rnd, k * n, 1.0);
            double[] got = ops.matmul(ops.fromArray(DType.F64, Shape.of(m, k), a),
                    ops.fromArray(DType.F64, Shape.of(k, n), b), false, false).toDoubleArray();
            assertArrayEquals(MatmulTest.naive64(a, b, m, n, k, false, false), got,
                    "an f64 product below 2^20 multiply-adds is the textbook loop's, bitwise");
        } finally {
            one.close();
        }
    }

    /**
     * With OpenBLAS single-threaded, the GRU and Elman recurrences run one block of batch rows per
     * pool thread through the whole sequence; they agree with the recurrences made step by step on
     * one thread: the GRU's states and gates, the Elman states and adjoints.
     */
    @Test
    void gruRecurrenceInRowBlocksAgreesWithTheWholeBatch() {
        assertTrue(NativeBlas.bind(BlasLibrary.BUNDLED).isPresent(), CpuOps.nativeBlasProblem());
        Parallel pool = new Parallel(2);
        Parallel one = new Parallel(1);
        try {
            CpuOps blocks = new CpuOps(pool, true, true, true);
            CpuOps whole = new CpuOps(one, true, true, false);
            assertTrue(blocks.gemm().rowBlocks32(32) && !whole.gemm().rowBlocks32(32));
            Random rnd = new Random(29);
            int[][] sizes = {{5, 32, 64}, {3, 7, 33}};
            for (int[] size : sizes) {
                int time = size[0];
                int batch = size[1];
                int hidden = size[2];
                double[] x = gaussian(rnd, time * batch * 3 * hidden, 1.0);
                double[] h0 = gaussian(rnd, batch * hidden, 0.5);
                double[] wru = gaussian(rnd, hidden * 2 * hidden, 1.0 / Math.sqrt(hidden));
                double[] wn = gaussian(rnd, hidden * hidden, 1.0 / Math.sqrt(hidden));
                java.util.List<double[]> got = new java.util.ArrayList<>(gru(blocks, time, batch, hidden, x, h0, wru, wn));
                java.util.List<double[]> want = new java.util.ArrayList<>(gru(whole, time, batch, hidden, x, h0, wru, wn));
                double[] ex = java.util.Arrays.copyOf(x, time * batch * hidden);
                double[] dhs = gaussian(rnd, time * batch * hidden, 1.0);
                got.addAll(elman(blocks, time, batch, hidden, ex, h0, wn, dhs));
                want.addAll(elman(whole, time, batch, hidden, ex, h0, wn, dhs));
                for (int o = 0; o < want.size(); o++) {
                    double worst = 0;
                    for (int i = 0; i < want.get(o).length; i++) {
                        worst = Math.max(worst, Math.abs(got.get(o)[i] - want.get(o)[i]));
                    }
                    assertTrue(worst <= 1e-5, "output " + o + " of " + java.util.Arrays.toString(size) + ": " + worst);
                }
            }
        } finally {
            pool.close();
            one.close();
        }
    }

    /**
     * The LSTM recurrence and its adjoint, and the GRU's adjoint, in blocks of batch rows (one per
     * pool thread, through the whole sequence; while the recurrent weights fit 1 MiB) agree with the same made step by step on one thread:
     * states, gates, the adjoints into the projections, the initial state and the initial cell state.
     */
    @Test
    void lstmAndGruAdjointsInRowBlocksAgreeWithTheWholeBatch() {
        assertTrue(NativeBlas.bind(BlasLibrary.BUNDLED).isPresent(), CpuOps.nativeBlasProblem());
        Parallel pool = new Parallel(2);
        Parallel one = new Parallel(1);
        try {
            CpuOps blocks = new CpuOps(pool, true, true, true);
            CpuOps whole = new CpuOps(one, true, true, false);
            Recurrent32 r = new Recurrent32(blocks);
            assertTrue(r.rowBlocks(32, 256 * 1024), "lstm_std's recurrent weights, 1 MiB, in row blocks");
            assertFalse(r.rowBlocks(64, 1024 * 4096), "lstm_big's, 16 MiB, split by columns");
            assertFalse(new Recurrent32(whole).rowBlocks(32, 64), "one thread: no blocks");
            Random rnd = new Random(31);
            int[][] sizes = {{5, 32, 64}, {3, 7, 33}, {1, 4, 16}};
            for (int[] size : sizes) {
                int time = size[0];
                int batch = size[1];
                int hidden = size[2];
                assertTrue(blocks.gemm().rowBlocks32(batch), "row blocks at batch " + batch);
                double[] x = gaussian(rnd, time * batch * 4 * hidden, 1.0);
                double[] h0 = gaussian(rnd, batch * hidden, 0.5);
                double[] c0 = gaussian(rnd, batch * hidden, 0.5);
                double[] wh = gaussian(rnd, hidden * 4 * hidden, 1.0 / Math.sqrt(hidden));
                double[] dhs = gaussian(rnd, time * batch * hidden, 1.0);
                double[] dcs = gaussian(rnd, time * batch * hidden, 0.3);
                double[] gx = java.util.Arrays.copyOf(x, time * batch * 3 * hidden);
                double[] wru = java.util.Arrays.copyOf(wh, hidden * 2 * hidden);
                double[] wn = java.util.Arrays.copyOfRange(wh, hidden * 2 * hidden, hidden * 3 * hidden);
                java.util.List<double[]> got = new java.util.ArrayList<>(lstm(blocks, time, batch, hidden, x, h0, c0, wh, dhs, dcs));
                java.util.List<double[]> want = new java.util.ArrayList<>(lstm(whole, time, batch, hidden, x, h0, c0, wh, dhs, dcs));
                got.addAll(gruAdjoint(blocks, time, batch, hidden, gx, h0, wru, wn, dhs));
                want.addAll(gruAdjoint(whole, time, batch, hidden, gx, h0, wru, wn, dhs));
                for (int o = 0; o < want.size(); o++) {
                    double worst = 0;
                    for (int i = 0; i < want.get(o).length; i++) {
                        worst = Math.max(worst, Math.abs(got.get(o)[i] - want.get(o)[i]));
                    }
                    assertTrue(worst <= 1e-5, "output " + o + " of " + java.util.Arrays.toString(size) + ": " + worst);
                }
            }
        } finally {
            pool.close();
            one.close();
        }
    }

    /** The LSTM's states, cell states and gates, then its adjoint into the projections, h0 and c0. */
    private static java.util.List<double[]> lstm(CpuOps ops, int time, int batch, int hidden, double[] x, double[] h0,
                                                 double[] c0, double[] wh, double[] dhs, double[] dcs) {
        io.engram.tensor.Tensor w = ops.fromArray(DType.F32, Shape.of(hidden, 4 * hidden), wh);
        io.engram.tensor.Tensor c = ops.fromArray(DType.F32, Shape.of(batch, hidden), c0);
        io.engram.tensor.RecurrentKernels.LstmGates g = ops.kernels().lstmStepsWithGates(
                ops.fromArray(DType.F32, Shape.of(time * batch, 4 * hidden), x),
                ops.fromArray(DType.F32, Shape.of(batch, hidden), h0), c, w);
        io.engram.tensor.RecurrentKernels.LstmAdjoint a = ops.kernels().lstmStepsBackward(g.gates(), c, g.c(), w,
                ops.fromArray(DType.F32, Shape.of(time * batch, hidden), dhs),
                ops.fromArray(DType.F32, Shape.of(time * batch, hidden), dcs));
        io.engram.tensor.RecurrentKernels.LstmState plain = ops.kernels().lstmSteps(
                ops.fromArray(DType.F32, Shape.of(time * batch, 4 * hidden), x),
                ops.fromArray(DType.F32, Shape.of(batch, hidden), h0), c, w);
        return java.util.List.of(g.h().toDoubleArray(), g.c().toDoubleArray(), g.gates().toDoubleArray(),
                plain.h().toDoubleArray(), plain.c().toDoubleArray(),
                a.dxProjs().toDoubleArray(), a.dh().toDoubleArray(), a.dc().toDoubleArray());
    }

    /** The GRU's adjoint into the projections and h0, at the states and gates of its forward pass. */
    private static java.util.List<double[]> gruAdjoint(CpuOps ops, int time, int batch, int hidden, double[] x,
                                                       double[] h0, double[] wru, double[] wn, double[] dhs) {
        io.engram.tensor.Tensor h = ops.fromArray(DType.F32, Shape.of(batch, hidden), h0);
        io.engram.tensor.Tensor ru = ops.fromArray(DType.F32, Shape.of(hidden, 2 * hidden), wru);
        io.engram.tensor.Tensor n = ops.fromArray(DType.F32, Shape.of(hidden, hidden), wn);
        io.engram.tensor.RecurrentKernels.GruGates g = ops.kernels().gruStepsWithGates(
                ops.fromArray(DType.F32, Shape.of(time * batch, 3 * hidden), x), h, ru, n);
        io.engram.tensor.RecurrentKernels.StepsAdjoint a = ops.kernels().gruStepsBackward(g.gates(), h, g.h(), ru, n,
                ops.fromArray(DType.F32, Shape.of(time * batch, hidden), dhs));
        return java.util.List.of(a.dxProjs().toDoubleArray(), a.dh().toDoubleArray());
    }

    private static java.util.List<double[]> gru(CpuOps ops, int time, int batch, int hidden, double[] x, double[] h0,
                                                double[] wru, double[] wn) {
        io.engram.tensor.RecurrentKernels.GruGates r = ops.kernels().gruStepsWithGates(
                ops.fromArray(DType.F32, io.engram.tensor.Shape.of(time * batch, 3 * hidden), x),
                ops.fromArray(DType.F32, io.engram.tensor.Shape.of(batch, hidden), h0),
                ops.fromArray(DType.F32, io.engram.tensor.Shape.of(hidden, 2 * hidden), wru),
                ops.fromArray(DType.F32, io.engram.tensor.Shape.of(hidden, hidden), wn));
        return java.util.List.of(r.h().toDoubleArray(), r.gates().toDoubleArray(),
                ops.kernels().gruSteps(ops.fromArray(DType.F32, io.engram.tensor.Shape.of(time * batch, 3 * hidden), x),
                        ops.fromArray(DType.F32, io.engram.tensor.Shape.of(batch, hidden), h0),
                        ops.fromArray(DType.F32, io.engram.tensor.Shape.of(hidden, 2 * hidden), wru),
                        ops.fromArray(DType.F32, io.engram.tensor.Shape.of(hidden, hidden), wn)).toDoubleArray());
    }

    /** The Elman recurrence, its adjoint into the pre-activations and into the initial state. */
    private static java.util.List<double[]> elman(CpuOps ops, int time, int batch, int hidden, double[] x, double[] h0,
                                                  double[] wh, double[] dhs) {
        io.engram.tensor.Tensor h = ops.fromArray(DType.F32, io.engram.tensor.Shape.of(batch, hidden), h0);
        io.engram.tensor.Tensor w = ops.fromArray(DType.F32, io.engram.tensor.Shape.of(hidden, hidden), wh);
        io.engram.tensor.Tensor hs = ops.kernels().elmanSteps(ops.fromArray(DType.F32, io.engram.tensor.Shape.of(time * batch, hidden), x),
                h, w);
        io.engram.tensor.RecurrentKernels.StepsAdjoint adjoint = ops.kernels().elmanStepsBackward(h, hs, w,
                ops.fromArray(DType.F32, io.engram.tensor.Shape.of(time * batch, hidden), dhs));
        java.util.List<double[]> out = new java.util.ArrayList<>();
        out.add(hs.toDoubleArray());
        for (io.engram.tensor.Tensor t : java.util.List.of(adjoint.dxProjs(), adjoint.dh())) {
            out.add(t.toDoubleArray());
        }
        return out;
    }

    private static double[] gaussian(Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * scale;
        }
        return v;
    }

    private static double[] abs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }
}
