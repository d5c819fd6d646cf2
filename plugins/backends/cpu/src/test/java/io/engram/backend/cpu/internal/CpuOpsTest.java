package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Values of the non-product ops: broadcasting, negative axes, empty tensors, errors. */
class CpuOpsTest {
    private static final CpuBackend BACKEND = new CpuBackend(2);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    private static Tensor t(Shape s, double... v) {
        return OPS.fromArray(DType.F64, s, v);
    }

    private static Tensor f(Shape s, double... v) {
        return OPS.fromArray(DType.F32, s, v);
    }

    @Test
    void creation() {
        assertArrayEquals(new double[] {0, 0, 0}, OPS.zeros(DType.F64, Shape.of(3)).toDoubleArray());
        assertArrayEquals(new float[] {2.5f, 2.5f}, OPS.full(DType.F32, Shape.of(1, 2), 2.5).toFloatArray());
        double[] src = {1, 2};
        Tensor x = t(Shape.of(2), src);
        src[0] = 9;
        assertEquals(1.0, x.toDoubleArray()[0], "fromArray copies its input");
        assertEquals(Shape.scalar(), OPS.full(DType.F64, Shape.scalar(), 4).shape());
        assertEquals(4.0, OPS.full(DType.F64, Shape.scalar(), 4).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t(Shape.of(2, 2), 1, 2, 3));
        assertTrue(e.getMessage().contains("3 values for shape [2, 2]"), e.getMessage());
    }

    @Test
    void binaryOpsBroadcastUnderNumpyRules() {
        Tensor a = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor row = t(Shape.of(3), 10, 20, 30);
        Tensor col = t(Shape.of(2, 1), 100, 200);
        Tensor scalar = t(Shape.scalar(), 2);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, OPS.add(a, row).toDoubleArray());
        assertArrayEquals(new double[] {-99, -98, -97, -196, -195, -194}, OPS.sub(a, col).toDoubleArray());
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, OPS.mul(scalar, a).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, OPS.div(a, scalar).toDoubleArray());
        Tensor outer = OPS.mul(col, t(Shape.of(1, 3), 1, 2, 3));
        assertEquals(Shape.of(2, 3), outer.shape());
        assertArrayEquals(new double[] {100, 200, 300, 200, 400, 600}, outer.toDoubleArray());
        Tensor cube = OPS.add(t(Shape.of(2, 1, 2), 1, 2, 3, 4), t(Shape.of(3, 1), 10, 20, 30));
        assertEquals(Shape.of(2, 3, 2), cube.shape());
        assertArrayEquals(new double[] {11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34}, cube.toDoubleArray());
        Tensor f32 = OPS.add(f(Shape.of(2, 2), 1, 2, 3, 4), f(Shape.of(2), 0.5, 0.25));
        assertEquals(DType.F32, f32.dtype());
        assertArrayEquals(new float[] {1.5f, 2.25f, 3.5f, 4.25f}, f32.toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.add(a, t(Shape.of(2), 1, 2)));
        assertTrue(e.getMessage().contains("do not broadcast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OPS.add(a, f(Shape.of(3), 1, 2, 3)));
    }

    @Test
    void emptyTensorsFlowThrough() {
        Tensor empty = OPS.zeros(DType.F64, Shape.of(0, 3));
        assertEquals(Shape.of(0, 3), OPS.add(empty, t(Shape.of(3), 1, 2, 3)).shape());
        assertEquals(Shape.of(0, 3), OPS.tanh(empty).shape());
        assertArrayEquals(new double[] {0, 0, 0}, OPS.sum(empty, 0).toDoubleArray());
        assertEquals(Shape.of(0), OPS.sum(empty, -1).shape());
        assertEquals(0.0, OPS.sumAll(empty).item());
        assertEquals(Shape.of(0, 3), OPS.softmax(empty, 1).shape());
        assertEquals(Shape.of(2, 3), OPS.concat(0, List.of(empty, t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6))).shape());
        assertEquals(Shape.of(2, 0), OPS.slice(t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6), -1, 1, 1).shape());
        assertEquals(Shape.of(3, 0), OPS.transpose(empty).shape());
        assertEquals(Shape.of(0, 2), OPS.gather(OPS.zeros(DType.F64, Shape.of(0, 4)), 1, new int[] {3, 0}).shape());
    }

    @Test
    void unaryOps() {
        Tensor x = t(Shape.of(4), -1, 0, 0.5, 2);
        assertArrayEquals(new double[] {Math.tanh(-1), 0, Math.tanh(0.5), Math.tanh(2)}, OPS.tanh(x).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))},
                OPS.sigmoid(x).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0.5, 2}, OPS.relu(x).toDoubleArray());
        assertArrayEquals(new double[] {Math.exp(-1), 1, Math.exp(0.5), Math.exp(2)}, OPS.exp(x).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, Math.log(2)}, OPS.log(t(Shape.of(2), 1, 2)).toDoubleArray(), 0);
        assertArrayEquals(new double[] {3, -0.0, -1.5, -6}, OPS.scale(x, -3).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1.5, 3}, OPS.addScalar(x, 1).toDoubleArray());
        float tanh = (float) Math.tanh(-1);
        assertArrayEquals(new float[] {tanh, 0f}, OPS.tanh(f(Shape.of(2), -1, 0)).toFloatArray(),
                Float32Math.MAX_ULPS * Math.ulp(tanh), "f32 tanh is Float32Math's");
        assertEquals(Float32Math.sigmoid(0.5f), OPS.sigmoid(f(Shape.of(1), 0.5)).toFloatArray()[0]);
        assertEquals(Float32Math.exp(-2f), OPS.exp(f(Shape.of(1), -2)).toFloatArray()[0]);
    }

    @Test
    void largeElementwiseOpsSplitAcrossThePoolGiveTheSameValues() {
        int n = 3 * PoolSchedule.PARALLEL_ELEMENTS + 5;
        double[] a = MatmulTest.random(new java.util.Random(2), n);
        double[] b = MatmulTest.random(new java.util.Random(3), n);
        Tensor x = t(Shape.of(n), a);
        Tensor y = t(Shape.of(n), b);
        double[] sum = OPS.add(x, y).toDoubleArray();
        double[] th = OPS.tanh(x).toDoubleArray();
        float[] prod = OPS.mul(f(Shape.of(n), a), f(Shape.of(n), b)).toFloatArray();
        for (int i = 0; i < n; i++) {
            assertEquals(a[i] + b[i], sum[i], 0.0);
            assertEquals(Math.tanh(a[i]), th[i], 0.0);
            assertEquals((float) a[i] * (float) b[i], prod[i], 0.0f);
        }
    }

    @Test
    void whereBroadcastsAllThree() {
        Tensor mask = t(Shape.of(2, 1), 1, 0);
        Tensor a = t(Shape.of(3), 1, 2, 3);
        Tensor b = t(Shape.scalar(), -1);
        Tensor w = OPS.where(mask, a, b);
        assertEquals(Shape.of(2, 3), w.shape());
        assertArrayEquals(new double[] {1, 2, 3, -1, -1, -1}, w.toDoubleArray());
    }

    @Test
    void reductionsAndSoftmaxAlongNegativeAxes() {
        Tensor a = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {5, 7, 9}, OPS.sum(a, 0).toDoubleArray());
        assertArrayEquals(new double[] {6, 15}, OPS.sum(a, -1).toDoubleArray());
        assertArrayEquals(new double[] {2, 5}, OPS.mean(a, -1).toDoubleArray());
        assertEquals(21.0, OPS.sumAll(a).item());
        assertEquals(Shape.scalar(), OPS.sumAll(a).shape());
        Tensor s = OPS.softmax(a, -1);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z},
                OPS.slice(s, 0, 0, 1).toDoubleArray(), 1e-15);
        Tensor col = OPS.softmax(a, 0);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(3)), 1 / (1 + Math.exp(-3))},
                OPS.gather(col, 1, new int[] {0}).toDoubleArray(), 1e-15);
        Tensor ls = OPS.logSoftmax(t(Shape.of(2), 1000, 1000), -1);
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)}, ls.toDoubleArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OPS.sum(a, 2));
        assertTrue(e.getMessage().contains("axis 2 out of range"), e.getMessage());
    }

    @Test
    void concatSliceGatherScatterReshapeTranspose() {
        Tensor a = t(Shape.of(2, 2), 1, 2, 3, 4);
        Tensor b = t(Shape.of(2, 1), 5, 6);
        assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, OPS.concat(-1, List.of(a, b)).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4}, OPS.concat(0, List.of(a, a)).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OPS.concat(0, List.of(a, b)));
        assertTrue(e.getMessage().contains("part 1 has shape [2, 1]"), e.getMessage());
        Tensor x = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {2, 3, 5, 6}, OPS.slice(x, 1, 1, 3).toDoubleArray());
        assertArrayEquals(new double[] {4, 5, 6}, OPS.slice(x, -2, 1, 2).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> OPS.slice(x, 1, 2, 4));
        assertArrayEquals(new double[] {3, 1, 3, 6, 4, 6}, OPS.gather(x, 1, new int[] {2, 0, 2}).toDoubleArray());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> OPS.gather(x, 0, new int[] {0, 2}));
        assertTrue(g.getMessage().contains("index 2 at position 1"), g.getMessage());
        Tensor sc = OPS.scatterAdd(t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6), -1, new int[] {1, 0, 1}, 4);
        assertEquals(Shape.of(2, 4), sc.shape());
        assertArrayEquals(new double[] {2, 4, 0, 0, 5, 10, 0, 0}, sc.toDoubleArray());
        Tensor r = OPS.reshape(x, Shape.of(3, 2));
        assertArrayEquals(x.toDoubleArray(), r.toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> OPS.reshape(x, Shape.of(4)));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, OPS.transpose(x).toDoubleArray());
        assertEquals(Shape.of(3, 2), OPS.transpose(x).shape());
        Tensor big = OPS.fromArray(DType.F32, Shape.of(40, 37), MatmulTest.random(new java.util.Random(1), 40 * 37));
        assertArrayEquals(big.toFloatArray(), OPS.transpose(OPS.transpose(big)).toFloatArray());
    }

    @Test
    void scatterAddDefaultAgreesWithTheKernel() {
        Ops plain = new Ops() {
            @Override public Tensor zeros(DType d, Shape s) { return OPS.zeros(d, s); }
            @Override public Tensor full(DType d, Shape s, double v) { return OPS.full(d, s, v); }
            @Override public Tensor fromArray(DType d, Shape s, double[] v) { return OPS.fromArray(d, s, v); }
            @Override public Tensor fromArray(DType d, Shape s, float[] v) { return OPS.fromArray(d, s, v); }
            @Override public Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) { return OPS.matmul(a, b, ta, tb); }
            @Override public Tensor add(Tensor a, Tensor b) { return OPS.add(a, b); }
            @Override public Tensor sub(Tensor a, Tensor b) { return OPS.sub(a, b); }
            @Override public Tensor mul(Tensor a, Tensor b) { return OPS.mul(a, b); }
            @Override public Tensor div(Tensor a, Tensor b) { return OPS.div(a, b); }
            @Override public Tensor scale(Tensor a, double x) { return OPS.scale(a, x); }
            @Override public Tensor addScalar(Tensor a, double x) { return OPS.addScalar(a, x); }
            @Override public Tensor tanh(Tensor a) { return OPS.tanh(a); }
            @Override public Tensor sigmoid(Tensor a) { return OPS.sigmoid(a); }
            @Override public Tensor relu(Tensor a) { return OPS.relu(a); }
            @Override public Tensor exp(Tensor a) { return OPS.exp(a); }
            @Override public Tensor log(Tensor a) { return OPS.log(a); }
            @Override public Tensor where(Tensor m, Tensor a, Tensor b) { return OPS.where(m, a, b); }
            @Override public Tensor softmax(Tensor a, int x) { return OPS.softmax(a, x); }
            @Override public Tensor logSoftmax(Tensor a, int x) { return OPS.logSoftmax(a, x); }
            @Override public Tensor sum(Tensor a, int x) { return OPS.sum(a, x); }
            @Override public Tensor mean(Tensor a, int x) { return OPS.mean(a, x); }
            @Override public Tensor sumAll(Tensor a) { return OPS.sumAll(a); }
            @Override public Tensor concat(int x, List<Tensor> p) { return OPS.concat(x, p); }
            @Override public Tensor slice(Tensor a, int x, int f, int t) { return OPS.slice(a, x, f, t); }
            @Override public Tensor gather(Tensor a, int x, int[] i) { return OPS.gather(a, x, i); }
            @Override public Tensor reshape(Tensor a, Shape s) { return OPS.reshape(a, s); }
            @Override public Tensor transpose(Tensor a) { return OPS.transpose(a); }
        };
        Tensor x = OPS.fromArray(DType.F64, Shape.of(3, 4, 2), MatmulTest.random(new java.util.Random(5), 24));
        int[] idx = {2, 2, 0, 4};
        assertArrayEquals(OPS.scatterAdd(x, 1, idx, 5).toDoubleArray(), plain.scatterAdd(x, 1, idx, 5).toDoubleArray(),
                1e-15);
        assertArrayEquals(OPS.scatterAdd(x, 0, new int[] {1, 1, 0}, 2).toDoubleArray(),
                plain.scatterAdd(x, 0, new int[] {1, 1, 0}, 2).toDoubleArray(), 1e-15);
        assertEquals(Shape.of(3, 5, 2), plain.scatterAdd(x, -2, idx, 5).shape());
    }
}
