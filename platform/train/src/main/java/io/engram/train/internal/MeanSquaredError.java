package io.engram.train.internal;

import io.engram.api.StepwiseLoss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * Squared error of one step: {@code sum over rows b with mask_b = 1 of (1/O) sum_o (y_bo - t_bo)^2}.
 * Stateless and thread-safe.
 */
public final class MeanSquaredError implements StepwiseLoss {

    @Override
    public String id() {
        return "mse";
    }

    @Override
    public String description() {
        return "Mean squared error of per-step targets: per target row the mean over outputs of (y - t)^2.";
    }

    @Override
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        Tensor error = ops.where(mask, ops.sub(output, target), ops.zeros(output.dtype(), output.shape()));
        Tensor perRow = ops.mean(ops.mul(error, error), -1);
        return ops.sumAll(perRow);
    }
}
