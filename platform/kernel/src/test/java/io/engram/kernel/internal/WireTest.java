package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Sequence;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sequences and parameters come back from their byte forms exactly: values, shapes, names and order. */
class WireTest {

    @Test
    void aSequenceComesBackExactly() {
        Sequence s = new Sequence(new double[][] {{0.1, -2.5e-300}, {Double.MIN_VALUE, 3}, {1, 2, 3}},
                new double[][] {{1}, {}, {Math.PI}}, new boolean[] {true, false, true}, new int[] {4, 0, 7});
        Sequence back = Wire.sequence(Wire.sequence(s));
        assertEquals(s.length(), back.length());
        for (int t = 0; t < s.length(); t++) {
            assertArrayEquals(s.inputs()[t], back.inputs()[t]);
            assertArrayEquals(s.targets()[t], back.targets()[t]);
        }
        assertArrayEquals(s.targetMask(), back.targetMask());
        assertArrayEquals(s.labels(), back.labels());
    }

    @Test
    void parametersComeBackExactlyInTheirOrder() {
        ArrayOps ops = new ArrayOps();
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("w", ops.fromArray(DType.F64, Shape.of(2, 3), new double[] {1, -1e-17, 2, 3, 4, 5.5}));
        params.put("b", ops.fromArray(DType.F64, Shape.of(3), new double[] {0.25, Double.MAX_VALUE, -0.0}));
        params.put("a.scalar", ops.fromArray(DType.F64, Shape.scalar(), new double[] {42}));
        Map<String, Tensor> back = Wire.parameters(Wire.parameters(params), ops, DType.F64);
        assertEquals(List.copyOf(params.keySet()), List.copyOf(back.keySet()));
        params.forEach((k, v) -> {
            assertEquals(v.shape(), back.get(k).shape(), k);
            assertArrayEquals(v.toDoubleArray(), back.get(k).toDoubleArray(), k);
        });
    }
}
