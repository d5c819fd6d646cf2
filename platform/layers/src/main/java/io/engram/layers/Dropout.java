package io.engram.layers;

import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Inverted dropout between stacked layers (Srivastava et al. 2014, "Dropout: a simple way to
 * prevent neural networks from overfitting", JMLR 15, section 4, where units are kept with
 * probability {@code p}; Zaremba, Sutskever and Vinyals 2014 apply it to the non-recurrent connections only): while
 * training, each unit is kept with probability {@code 1 - rate} and scaled by {@code 1 / (1 - rate)};
 * at inference it is the identity.
 *
 * <p>The mask is a constant drawn from {@link StepContext#random()}, one {@code nextDouble()} per
 * element in row-major order, so gradients flow only through the kept units and the same random
 * stream gives the same mask. Stateless and thread-safe; the random source is the caller's.
 */
public final class Dropout {

    private Dropout() {
    }

    /**
     * {@code h} with dropout at {@code rate} applied while {@code context.training()}; {@code h}
     * itself otherwise or when the rate is 0.
     */
    public static Tensor apply(Ops ops, Tensor h, double rate, StepContext context) {
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

    /**
     * {@link #apply} to the stacked rows of several steps, {@code h [time * batch, n]} with step
     * {@code t} in rows {@code t * batch} to {@code (t + 1) * batch - 1}: the mask of step
     * {@code t} is drawn from {@code contexts.get(t)} exactly as {@code apply} would draw it for that
     * step alone, and is all ones where that context is not training.
     */
    public static Tensor applyToSteps(Ops ops, Tensor h, double rate, List<StepContext> contexts) {
        boolean any = false;
        for (StepContext c : contexts) {
            any |= c.training();
        }
        if (!any || rate == 0) {
            return h;
        }
        double keep = 1 - rate;
        int size = h.shape().size();
        int block = size / contexts.size();
        double[] mask = new double[size];
        for (int t = 0; t < contexts.size(); t++) {
            StepContext context = contexts.get(t);
            if (!context.training()) {
                java.util.Arrays.fill(mask, t * block, (t + 1) * block, 1.0);
                continue;
            }
            Objects.requireNonNull(context.random(), "StepContext.random() is needed for dropout while training");
            for (int i = t * block; i < (t + 1) * block; i++) {
                mask[i] = context.random().nextDouble() < keep ? 1 / keep : 0;
            }
        }
        return ops.mul(h, ops.fromArray(h.dtype(), h.shape(), mask));
    }
}
