package io.engram.loss.basic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.StepwiseLoss;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BasicLossesTest {
    private final Ops ops = new CpuBackend(1).ops();

    /** Two steps of two sequences; the second is one step long, so its row at step 1 is padding. */
    private final Batch batch = new Batch(2, 2, 1, 2, new double[4], new double[] {0, 1, 1, 0, 0, 1, 7, 7},
            new double[] {1, 1, 1, 0}, new double[] {1, 1, 1, 0});

    private BatchOutputs outputs(double... y) {
        return new BatchOutputs(batch, ops.fromArray(DType.F64, Shape.of(4, 2), y),
                ops.fromArray(DType.F64, Shape.of(4, 2), batch.targets()),
                ops.fromArray(DType.F64, Shape.of(4, 1), batch.stepMask()),
                ops.fromArray(DType.F64, Shape.of(4, 1), new double[] {1, 1, 1, 0}));
    }

    @Test
    void mseSumsTheMeanSquaredErrorOfTargetRowsAndSkipsPadding() {
        StepwiseLoss mse = new MseLoss();
        assertEquals("mse", mse.id());
        // rows: (1 + 0) / 2, (0 + 1) / 2, (0 + 0) / 2; the padded row (NaN) counts nothing
        Tensor l = mse.loss(ops, outputs(1, 1, 1, 1, 0, 1, Double.NaN, Double.NaN));
        assertEquals(1.0, l.item(), 1e-15);
        assertEquals(3, mse.terms(batch));
    }

    @Test
    void softmaxCrossEntropyIsMinusTheLogProbabilityOfTheTarget() {
        StepwiseLoss ce = new SoftmaxCrossEntropyLoss();
        assertEquals("softmax-ce", ce.id());
        double l = ce.loss(ops, outputs(0, 0, 0, Math.log(3), 2, 2, 1e308, -1e308)).item();
        assertEquals(Math.log(2) + Math.log(4) + Math.log(2), l, 1e-12);
    }
}
