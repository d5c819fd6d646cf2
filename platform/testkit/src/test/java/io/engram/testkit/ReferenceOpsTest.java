package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference ops on values worked out by hand. */
class ReferenceOpsTest {
    private final Ops ops = new ReferenceOps();

    private Tensor t(Shape s, double... v) {
        return ops.fromArray(DType.F64, s, v);
    }

    @Test
    void matmulWithTransposes() {
        Tensor a = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = t(Shape.of(3, 2), 7, 8, 9, 10, 11, 12);
        assertArrayEquals(new double[] {58, 64, 139, 154}, ops.matmul(a, b).toDoubleArray());
        assertArrayEquals(new double[] {58, 64, 139, 154},
                ops.matmul(ops.transpose(a), ops.transpose(b), true, true).toDoubleArray());
        assertEquals(Shape.of(3, 3), ops.matmul(a, a, true, false).shape());
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45},
                ops.matmul(a, a, true, false).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.matmul(a, a));
        assertEquals("matmul: inner extents differ, [2, 3] @ [2, 3]", e.getMessage());
    }

    @Test
    void broadcastingAndWhere() {
        Tensor col = t(Shape.of(2, 1), 10, 20);
        Tensor row = t(Shape.of(3), 1, 2, 3);
        assertArrayEquals(new double[] {11, 12, 13, 21, 22, 23}, ops.add(col, row).toDoubleArray());
        assertArrayEquals(new double[] {9, 8, 7, 19, 18, 17}, ops.sub(col, row).toDoubleArray());
        Tensor mask = t(Shape.of(3), 1, 0, 1);
        assertArrayEquals(new double[] {10, 2, 10, 20, 2, 20}, ops.where(mask, col, row).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> ops.add(t(Shape.of(2), 1, 2), row));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.add(row, ops.zeros(DType.F32, Shape.of(3))));
        assertEquals("add: operands of one dtype expected, got F64 and F32", e.getMessage());
    }

    @Test
    void reductionsAndSoftmaxAlongAnAxis() {
        Tensor a = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {5, 7, 9}, ops.sum(a, 0).toDoubleArray());
        assertArrayEquals(new double[] {2, 5}, ops.mean(a, -1).toDoubleArray());
        assertEquals(21.0, ops.sumAll(a).item());
        assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, ops.cumsum(a, 1).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, ops.cumsum(a, 0).toDoubleArray());
        double z = 1 + Math.E + Math.E * Math.E;
        assertArrayEquals(new double[] {1 / z, Math.E / z, Math.E * Math.E / z},
                ops.softmax(t(Shape.of(3), 0, 1, 2), 0).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)},
                ops.logSoftmax(t(Shape.of(2, 1), 1000, 1000), 0).toDoubleArray(), 1e-15);
    }

    @Test
    void indexingOps() {
        Tensor a = t(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {2, 3, 5, 6}, ops.slice(a, 1, 1, 3).toDoubleArray());
        assertArrayEquals(new double[] {3, 1, 1, 6, 4, 4}, ops.gather(a, -1, new int[] {2, 0, 0}).toDoubleArray());
        assertArrayEquals(new double[] {5, 0, 1, 11, 0, 4},
                ops.scatterAdd(ops.gather(a, 1, new int[] {2, 0, 1}), 1, new int[] {0, 2, 0}, 3).toDoubleArray());
        Tensor c = ops.concat(0, List.of(a, t(Shape.of(0, 3)), t(Shape.of(1, 3), 7, 8, 9)));
        assertEquals(Shape.of(3, 3), c.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, c.toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, ops.transpose(a).toDoubleArray());
        assertEquals(Shape.of(3, 2), ops.reshape(a, Shape.of(3, 2)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.gather(a, 0, new int[] {2}));
        assertEquals("gather: index 2 at position 0 out of range [0, 2) of axis 0 in [2, 3]", e.getMessage());
    }

    @Test
    void elementwiseFunctionsAndComparisons() {
        Tensor a = t(Shape.of(4), -2, -0.5, 0, 3);
        assertArrayEquals(new double[] {0, 0, 0, 3}, ops.relu(a).toDoubleArray());
        assertArrayEquals(new double[] {-1, -1, 0, 1}, ops.sign(a).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0, 1}, ops.heaviside(a).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 3}, ops.maximum(a, t(Shape.scalar(), 0.5)).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 0, 0}, ops.less(a, t(Shape.scalar(), 0)).toDoubleArray());
        assertEquals(0.5, ops.sigmoid(t(Shape.scalar(), 0)).item());
        assertArrayEquals(new double[] {-4, -1, 0, 6}, ops.scale(a, 2).toDoubleArray());
    }

    @Test
    void f32ResultsAreTheF64ResultsRoundedOnce() {
        Tensor third = ops.fromArray(DType.F32, Shape.of(1), new double[] {1.0 / 3});
        assertEquals((double) (float) (1.0 / 3), third.item());
        Tensor q = ops.div(ops.full(DType.F32, Shape.of(1), 2), ops.full(DType.F32, Shape.of(1), 3));
        assertEquals((double) (float) (2.0 / 3), q.item());
        assertEquals(DType.F32, q.dtype());
    }
}
