package io.engram.train.internal;

import io.engram.api.StepwiseLoss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * Cross-entropy of softmax outputs against target distributions for one step:
 * {@code -sum over rows b with mask_b = 1 of sum_o t_bo log softmax(y_b)_o}. The log-softmax is
 * computed by the backend's stable {@code logSoftmax}. Stateless and thread-safe.
 */
public final class SoftmaxCrossEntropy implements StepwiseLoss {

    @Override
    public String id() {
        return "softmax-ce";
    }

    @Override
    public String description() {
        return "Softmax cross-entropy of per-step targets: per target row -sum_o t_o log softmax(y)_o (one-hot or a distribution).";
    }

    @Override
    public boolean readsSoftmax() {
        return true;
    }

    @Override
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        Tensor logProbability = ops.logSoftmax(output, -1);
        Tensor perElement = ops.where(mask, ops.mul(target, logProbability),
                ops.zeros(output.dtype(), output.shape()));
        return ops.scale(ops.sumAll(perElement), -1.0);
    }
}
