package io.engram.loss.basic.internal;

import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.api.StepwiseLoss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Sigmoid binary cross-entropy of per-step targets as the {@code engram.loss=sigmoid-bce} service:
 * every output is an independent yes/no decision (one-vs-rest classification, multi-label targets),
 * read through the logistic sigmoid {@code p = 1 / (1 + e^-y)}. Per target row, the sum over outputs
 * of {@code -t log p - (1 - t) log(1 - p)}, computed in the stable form
 * {@code max(y, 0) - y t + log(1 + e^-|y|)}; targets in [0, 1]. A {@link StepwiseLoss}: trainers
 * take it run by run and divide by the number of steps with a target. Masked rows are replaced by
 * zeros before the sum and cut out after it ({@code ops.where}), so that nothing of them, not even a
 * non-finite output, reaches the loss or its gradient. Stateless and thread-safe.
 */
@Component(service = Loss.class, property = PluginProperties.LOSS + "=" + SigmoidBinaryCrossEntropyLoss.ID)
public final class SigmoidBinaryCrossEntropyLoss implements StepwiseLoss {
    static final String ID = "sigmoid-bce";

    @Activate
    public SigmoidBinaryCrossEntropyLoss() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Sigmoid binary cross-entropy of per-step targets: per target row sum_o max(y,0) - y t + log(1 + e^-|y|) (one yes/no decision per output).";
    }

    @Override
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        Tensor zeros = ops.zeros(output.dtype(), output.shape());
        Tensor y = ops.where(mask, output, zeros);
        Tensor softplusOfMinusAbs = ops.log(ops.addScalar(ops.exp(ops.scale(ops.abs(y), -1.0)), 1.0));
        Tensor perElement = ops.add(ops.sub(ops.relu(y), ops.mul(y, target)), softplusOfMinusAbs);
        return ops.sumAll(ops.where(mask, perElement, zeros));
    }
}
