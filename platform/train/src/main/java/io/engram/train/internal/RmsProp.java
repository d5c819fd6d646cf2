package io.engram.train.internal;

import io.engram.api.Optimizer;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * RMSProp, Tieleman and Hinton 2012 (Coursera lecture 6.5):
 * <pre>
 *   s  = rho s + (1 - rho) g^2
 *   p' = p - lr g / (sqrt(s) + eps)
 * </pre>
 * Holds {@code s}; one job, one thread.
 */
public final class RmsProp implements Optimizer, OptimizerState {
    private final double rho;
    private final double epsilon;
    private final Map<String, Tensor> meanSquare = Moments.newMap();

    public RmsProp(double rho, double epsilon) {
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public String id() {
        return "rmsprop";
    }

    @Override
    public Map<String, Tensor> step(Ops ops, Map<String, Tensor> params, Map<String, Tensor> grads, double lr) {
        return Moments.update(params, grads, (name, p, g) -> {
            Tensor s = ops.add(ops.scale(Moments.get(meanSquare, name, ops, p), rho),
                    ops.scale(ops.mul(g, g), 1.0 - rho));
            meanSquare.put(name, s);
            Tensor denominator = ops.addScalar(Moments.sqrt(ops, s), epsilon);
            return ops.sub(p, ops.scale(ops.div(g, denominator), lr));
        });
    }

    @Override
    public long steps() {
        return 0;
    }

    @Override
    public Map<String, Tensor> moments() {
        return Moments.export(named());
    }

    @Override
    public void resume(long steps, Map<String, Tensor> moments) {
        Moments.restore(named(), moments);
    }

    private Map<String, Map<String, Tensor>> named() {
        return Map.of("s", meanSquare);
    }
}
