package io.engram.family.jordan.internal;

import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Objects;

/**
 * Inverted dropout between stacked layers (Srivastava et al. 2014; Zaremba, Sutskever and Vinyals
 * 2014 apply it to the non-recurrent connections only): while training, each unit is kept with
 * probability {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}; at inference it is the identity.
 * The mask is a constant drawn from {@link StepContext#random()}, so gradients flow only through the
 * kept units.
 */
final class Dropout {

    private Dropout() {
    }

    static Tensor apply(Ops ops, Tensor h, double rate, StepContext context) {
        if (!context.training() || rate == 0) {
            return h;
        }
        Objects.requireNonNull(context.random(), "StepContext.random() is needed for dropout while training");
        double keep = 1 - rate;
        double[] mask = new double[h.shape().size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = context.random().nextDouble() < keep ? 1 / keep : 0;
        }
        return ops.mul(h, ops.fromArray(h.dtype(), h.shape(), mask));
    }
}
