package io.engram.loss.ctc.internal;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link CtcLoss} as the {@code engram.loss=ctc-infinite} service: a sequence whose labels need more
 * steps than it has scores {@code +infinity}, and its outputs get a zero gradient. Stateless and thread-safe.
 */
@Component(service = Loss.class, property = PluginProperties.LOSS + "=ctc-infinite")
public final class CtcInfiniteLoss implements Loss {
    private final CtcLoss ctc = new CtcLoss(Impossible.INFINITE);

    @Activate
    public CtcInfiniteLoss() {
    }

    @Override
    public String id() {
        return ctc.id();
    }

    @Override
    public String description() {
        return ctc.description();
    }

    @Override
    public boolean readsSoftmax() {
        return ctc.readsSoftmax();
    }

    @Override
    public Tensor loss(Ops ops, BatchOutputs outputs) {
        return ctc.loss(ops, outputs);
    }

    @Override
    public int terms(Batch batch) {
        return ctc.terms(batch);
    }
}
