package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private final Ops ops = new CpuBackend(1).ops();

    private Map<String, Tensor> grads() {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("a", ops.fromArray(DType.F64, Shape.of(2), new double[] {3, 0}));
        g.put("b", ops.fromArray(DType.F64, Shape.of(1, 1), new double[] {-4}));
        return g;
    }

    @Test
    void globalNormSpansAllTensors() {
        assertEquals(5.0, GradientClipping.globalNorm(ops, grads()), 1e-15);
    }

    @Test
    void clipsToTheGlobalNormKeepingDirection() {
        Map<String, Tensor> clipped = GradientClipping.clip(ops, grads(), 5.0, 1.0);
        assertArrayEquals(new double[] {0.6, 0}, clipped.get("a").toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-0.8}, clipped.get("b").toDoubleArray(), 1e-15);
        assertEquals(1.0, GradientClipping.globalNorm(ops, clipped), 1e-15);
    }

    @Test
    void leavesSmallGradientsAndDisabledClippingAlone() {
        Map<String, Tensor> g = grads();
        assertSame(g, GradientClipping.clip(ops, g, 5.0, 5.0));
        assertSame(g, GradientClipping.clip(ops, g, 5.0, 0.0));
    }

    @Test
    void nonFiniteGradientsGiveANonFiniteNorm() {
        Map<String, Tensor> g = grads();
        g.put("c", ops.fromArray(DType.F32, Shape.of(1), new double[] {Double.NaN}));
        assertTrue(Double.isNaN(GradientClipping.globalNorm(ops, g)));
    }
}
