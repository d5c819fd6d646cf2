package io.engram.train.internal;

import io.engram.api.Loss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * Cross-entropy of softmax outputs against target distributions for one step:
 * {@code -sum over rows b with mask_b = 1 of sum_o t_bo log softmax(y_b)_o}. The log-softmax is
 * computed by the backend's stable {@code logSoftmax}. Stateless and thread-safe.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String id() {
        return "softmax-ce";
    }

    @Override
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        Tensor logProbability = ops.logSoftmax(output, -1);
        Tensor perElement = ops.where(mask, ops.mul(target, logProbability),
                ops.zeros(output.dtype(), output.shape()));
        return ops.scale(ops.sumAll(perElement), -1.0);
    }
}
