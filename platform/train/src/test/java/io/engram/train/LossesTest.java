package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.StepwiseLoss;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    private final Ops ops = new CpuBackend(1).ops();

    private Tensor t(int rows, int cols, double... v) {
        return ops.fromArray(DType.F64, Shape.of(rows, cols), v);
    }

    @Test
    void mseIsTheMeanOverOutputsSummedOverMaskedRows() {
        StepwiseLoss mse = Losses.of("mse");
        Tensor y = t(3, 2, 1, 2, 3, 4, 5, 6);
        Tensor target = t(3, 2, 0, 0, 3, 2, 0, 0);
        Tensor mask = t(3, 1, 1, 1, 0);
        // row 0: (1 + 4) / 2 = 2.5, row 1: (0 + 4) / 2 = 2, row 2 masked
        assertEquals(4.5, mse.loss(ops, y, target, mask).item(), 1e-15);
        assertEquals("mse", mse.id());
    }

    @Test
    void maskedRowsContributeNothingEvenWhenNotFinite() {
        Tensor y = t(2, 2, 1, 2, Double.NaN, Double.POSITIVE_INFINITY);
        Tensor target = t(2, 2, 0, 1, 0, 1);
        Tensor mask = t(2, 1, 1, 0);
        assertEquals(1.0, Losses.of("mse").loss(ops, y, target, mask).item(), 1e-15);
        double ce = Losses.of("softmax-ce").loss(ops, y, target, mask).item();
        assertTrue(Double.isFinite(ce), "cross-entropy with a non-finite masked row: " + ce);
    }

    @Test
    void softmaxCrossEntropyMatchesHandComputation() {
        StepwiseLoss ce = Losses.of("softmax-ce");
        Tensor y = t(2, 3, 1, 2, 3, 0, 0, 0);
        Tensor target = t(2, 3, 0, 0, 1, 0, 1, 0);
        Tensor mask = t(2, 1, 1, 1);
        double row0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = Math.log(3);
        assertEquals(row0 + row1, ce.loss(ops, y, target, mask).item(), 1e-12);
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.of("hinge"));
        assertEquals("unknown loss 'hinge' (expected one of [mse, softmax-ce])", e.getMessage());
    }
}
