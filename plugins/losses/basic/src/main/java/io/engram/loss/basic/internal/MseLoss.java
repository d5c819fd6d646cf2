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
 * Mean squared error of per-step targets as the {@code engram.loss=mse} service: the loss of
 * {@link Losses#of Losses.of("mse")}, a {@link StepwiseLoss} that trainers take run by run and
 * divide by the number of steps with a target. Stateless and thread-safe.
 */
@Component(service = Loss.class, property = PluginProperties.LOSS + "=mse")
public final class MseLoss implements StepwiseLoss {
    private final StepwiseLoss loss = Losses.of(Losses.MSE);

    @Activate
    public MseLoss() {
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
    public Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask) {
        return loss.loss(ops, output, target, mask);
    }
}
