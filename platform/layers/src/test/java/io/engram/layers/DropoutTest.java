package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void identityAtInferenceAndAtRateZero() {
        Tensor h = OPS.full(DType.F64, Shape.of(2, 3), 1.0);
        assertSame(h, Dropout.apply(OPS, h, 0.5, StepContext.inference(0)));
        assertSame(h, Dropout.apply(OPS, h, 0.0, new StepContext(true, 0, new SplittableRandom(1))));
    }

    /** Inverted dropout: kept units are scaled by 1 / (1 - rate), one draw per unit in row-major order. */
    @Test
    void trainingKeepsUnitsWithProbabilityOneMinusRateAndRescales() {
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 20;
        }
        Tensor h = OPS.fromArray(DType.F64, Shape.of(4, 10), values);
        double[] out = Dropout.apply(OPS, h, 0.25, new StepContext(true, 3, new SplittableRandom(9))).toDoubleArray();
        SplittableRandom r = new SplittableRandom(9);
        double[] expected = new double[40];
        int kept = 0;
        for (int i = 0; i < 40; i++) {
            boolean keep = r.nextDouble() < 0.75;
            expected[i] = keep ? values[i] / 0.75 : 0;
            kept += keep ? 1 : 0;
        }
        assertArrayEquals(expected, out, 1e-12);
        assertEquals(30, kept, 6, "about three in four units kept");
    }

    @Test
    void trainingWithoutARandomSourceIsABug() {
        Tensor h = OPS.zeros(DType.F32, Shape.of(1, 2));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Dropout.apply(OPS, h, 0.5, new StepContext(true, 0, null)));
        assertEquals("StepContext.random() is needed for dropout while training", e.getMessage());
    }
}
