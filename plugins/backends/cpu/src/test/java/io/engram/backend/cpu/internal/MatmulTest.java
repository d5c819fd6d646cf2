package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blocked, threaded Java product ({@code blas=java}) against the textbook loop. Both sum each
 * element in the order k = 0..K-1 in the output dtype, so they must agree bitwise, for every
 * transpose flag, for odd sizes around the block edges, for extents 0 and 1, and for every thread
 * count. The native path is checked against the same loop, within rounding, in {@link NativeBlasTest}.
 */
class MatmulTest {
    private static CpuBackend one;
    private static CpuBackend two;
    private static CpuBackend three;

    @BeforeAll
    static void start() {
        one = new CpuBackend(1, Blas.JAVA);
        two = new CpuBackend(2, Blas.JAVA);
        three = new CpuBackend(3, Blas.JAVA);
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        three.close();
    }

    static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    /** op(a)[m,k] @ op(b)[k,n], textbook order, accumulating in double. */
    static double[] naive64(double[] a, double[] b, int m, int n, int k, boolean ta, boolean tb) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** The same in float arithmetic. */
    static float[] naive32(float[] a, float[] b, int m, int n, int k, boolean ta, boolean tb) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static final int[][] SIZES = {
        {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {1, 7, 1}, {5, 1, 3}, {2, 3, 5}, {7, 9, 11},
        {13, 5, 130}, {65, 17, 129}, {67, 515, 3}, {4, 4, 4}, {33, 31, 29},
    };

    @Test
    void agreesBitwiseWithTheTextbookLoopForAllFlagsAndOddSizes() {
        Random rnd = new Random(42);
        Ops ops = two.ops();
        int cases = 0;
        for (int[] s : SIZES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                double[] a = random(rnd, m * k);
                double[] b = random(rnd, k * n);
                Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
                Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
                Tensor c64 = ops.matmul(ops.fromArray(DType.F64, sa, a), ops.fromArray(DType.F64, sb, b), ta, tb);
                assertEquals(Shape.of(m, n), c64.shape());
                assertArrayEquals(naive64(a, b, m, n, k, ta, tb), c64.toDoubleArray(), 0.0,
                        "f64 " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb);
                float[] af = ops.fromArray(DType.F32, sa, a).toFloatArray();
                float[] bf = ops.fromArray(DType.F32, sb, b).toFloatArray();
                Tensor c32 = ops.matmul(ops.fromArray(DType.F32, sa, af), ops.fromArray(DType.F32, sb, bf), ta, tb);
                assertEquals(DType.F32, c32.dtype());
                assertArrayEquals(naive32(af, bf, m, n, k, ta, tb), c32.toFloatArray(), 0.0f,
                        "f32 " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb);
                cases++;
            }
        }
        assertEquals(SIZES.length * 4, cases);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random rnd = new Random(7);
        int m = 150;
        int n = 600;
        int k = 200;
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[][] results = new double[3][];
        CpuBackend[] backends = {one, two, three};
        for (int t = 0; t < 3; t++) {
            Ops ops = backends[t].ops();
            results[t] = ops.matmul(ops.fromArray(DType.F64, Shape.of(m, k), a),
                    ops.fromArray(DType.F64, Shape.of(n, k), random(new Random(8), n * k)), false, true)
                    .toDoubleArray();
        }
        assertArrayEquals(results[0], results[1], 0.0);
        assertArrayEquals(results[0], results[2], 0.0);
        float[][] floats = new float[3][];
        for (int t = 0; t < 3; t++) {
            Ops ops = backends[t].ops();
            floats[t] = ops.matmul(ops.fromArray(DType.F32, Shape.of(m, k), a),
                    ops.fromArray(DType.F32, Shape.of(k, n), b)).toFloatArray();
        }
        assertArrayEquals(floats[0], floats[1], 0.0f);
        assertArrayEquals(floats[0], floats[2], 0.0f);
        assertEquals(3, three.threads());
    }

    @Test
    void shortWideProductsAreSplitIntoNarrowerTilesWithTheSameResult() {
        assertEquals(GemmF64.NC, GemmF64.columnsPerTile(700, 4, 2));
        assertEquals(176, GemmF64.columnsPerTile(700, 1, 2));
        assertEquals(128, GemmF32.columnsPerTile(700, 1, 3));
        assertEquals(64, GemmF32.columnsPerTile(100, 1, 8));
        Random rnd = new Random(13);
        int m = 8;
        int n = 700;
        int k = 50;
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[] expected = naive64(a, b, m, n, k, true, false);
        for (CpuBackend backend : new CpuBackend[] {one, two, three}) {
            Ops ops = backend.ops();
            Tensor c = ops.matmul(ops.fromArray(DType.F64, Shape.of(k, m), a), ops.fromArray(DType.F64, Shape.of(k, n), b),
                    true, false);
            assertArrayEquals(expected, c.toDoubleArray(), 0.0, backend.toString());
        }
    }

    @Test
    void concurrentCallersShareThePoolAndGetTheirOwnResults() throws Exception {
        Ops ops = three.ops();
        Random rnd = new Random(11);
        int m = 96;
        int n = 130;
        int k = 70;
        double[][] as = new double[4][];
        double[] b = random(rnd, k * n);
        for (int i = 0; i < as.length; i++) {
            as[i] = random(rnd, m * k);
        }
        double[][] got = new double[4][];
        Thread[] workers = new Thread[4];
        for (int i = 0; i < workers.length; i++) {
            int id = i;
            workers[i] = new Thread(() -> {
                for (int rep = 0; rep < 5; rep++) {
                    got[id] = ops.matmul(ops.fromArray(DType.F64, Shape.of(m, k), as[id]),
                            ops.fromArray(DType.F64, Shape.of(k, n), b)).toDoubleArray();
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int i = 0; i < as.length; i++) {
            assertArrayEquals(naive64(as[i], b, m, n, k, false, false), got[i], 0.0, "caller " + i);
        }
    }

    @Test
    void rejectsMismatchedOperandsNamingTheShapes() {
        Ops ops = one.ops();
        Tensor a = ops.zeros(DType.F64, Shape.of(2, 3));
        Tensor b = ops.zeros(DType.F64, Shape.of(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.matmul(a, b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> ops.matmul(a, ops.zeros(DType.F32, Shape.of(3, 2))));
        assertTrue(d.getMessage().contains("dtypes differ"), d.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> ops.matmul(ops.zeros(DType.F64, Shape.of(3)), a));
        assertTrue(r.getMessage().contains("rank-2"), r.getMessage());
    }

    @Test
    void closedBackendStillComputesOnTheCallingThread() {
        CpuBackend b = new CpuBackend(2, Blas.JAVA);
        b.close();
        Ops ops = b.ops();
        Random rnd = new Random(3);
        double[] x = random(rnd, 200 * 100);
        double[] y = random(rnd, 100 * 300);
        Tensor c = ops.matmul(ops.fromArray(DType.F64, Shape.of(200, 100), x),
                ops.fromArray(DType.F64, Shape.of(100, 300), y));
        assertArrayEquals(naive64(x, y, 200, 300, 100, false, false), c.toDoubleArray(), 0.0);
    }
}
