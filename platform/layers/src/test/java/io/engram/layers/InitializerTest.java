package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InitializerTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** Glorot and Bengio (2010), eq. 16: U[-a, a] with a = scale * sqrt(6 / (fanIn + fanOut)). */
    @Test
    void xavierDrawsEachValueFromTheSeededStreamInRowMajorOrder() {
        Tensor w = new Initializer(OPS, DType.F64, "xavier", 0.5, 11).weights(3, 4, 2);
        assertEquals(Shape.of(3, 8), w.shape());
        SplittableRandom r = new SplittableRandom(11);
        double a = 0.5 * Math.sqrt(6.0 / (3 + 4));
        double[] expected = new double[24];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = a * (2 * r.nextDouble() - 1);
        }
        assertArrayEquals(expected, w.toDoubleArray(), 0.0);
    }

    @Test
    void uniformIsBoundedByScaleOverRootFanIn() {
        double[] w = new Initializer(OPS, DType.F64, "uniform", 2.0, 3).weights(16, 10, 1).toDoubleArray();
        double bound = 2.0 / Math.sqrt(16);
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound, "max |w| = " + max);
        assertTrue(max > 0.9 * bound, "160 draws come near the bound: " + max);
    }

    @Test
    void normalHasTheStandardDeviationScaleOverRootFanIn() {
        double[] w = new Initializer(OPS, DType.F64, "normal", 1.5, 5).weights(25, 200, 2).toDoubleArray();
        double mean = 0;
        for (double v : w) {
            mean += v / w.length;
        }
        double var = 0;
        for (double v : w) {
            var += (v - mean) * (v - mean) / w.length;
        }
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.5 / 5, Math.sqrt(var), 0.01);
    }

    @Test
    void constantsDrawNothingSoTheStreamContinuesWhereWeightsLeftIt() {
        Initializer a = new Initializer(OPS, DType.F32, "xavier", 1.0, 42);
        Initializer b = new Initializer(OPS, DType.F32, "xavier", 1.0, 42);
        a.weights(2, 2, 1);
        b.weights(2, 2, 1);
        Tensor c = b.constant(3, 0.25);
        Tensor v = b.vector(new double[] {1, 2});
        assertArrayEquals(a.weights(2, 3, 1).toFloatArray(), b.weights(2, 3, 1).toFloatArray(), 0f);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, c.toDoubleArray(), 0.0);
        assertEquals(DType.F32, v.dtype());
        assertArrayEquals(new double[] {1, 2}, v.toDoubleArray(), 0.0);
    }

    @Test
    void unknownSchemeIsABug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Initializer(OPS, DType.F64, "he", 1.0, 1));
        assertEquals("unknown init scheme 'he' (known: xavier, uniform, normal)", e.getMessage());
    }
}
