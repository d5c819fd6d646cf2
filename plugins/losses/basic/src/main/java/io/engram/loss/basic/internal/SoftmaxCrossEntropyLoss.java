package io.engram.loss.basic.internal;

import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.api.StepwiseLoss;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.Losses;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Softmax cross-entropy of per-step targets as the {@code engram.loss=softmax-ce} service: the loss of
 * {@link Losses#of Losses.of("softmax-ce")}, a {@link StepwiseLoss} that trainers take run by run and
 * divide by the number of steps with a target. Stateless and thread-safe.
 */
@Component(service = Loss.class, property = PluginProperties.LOSS + "=softmax-ce")
public final class SoftmaxCrossEntropyLoss implements StepwiseLoss {
    private final StepwiseLoss loss = Losses.of(Losses.SOFTMAX_CE);

    @Activate
    public SoftmaxCrossEntropyLoss() {
    }

    @Override
    public String id() {
        return loss.id();
    }

    @Override
    public String description() {
        return loss.description();
    }

    @Override
    public boolean readsSoftmax() {
        return true;
    }

    @Override
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        return loss.loss(ops, output, target, mask);
    }
}
