package io.engram.train.internal;

import io.engram.api.Optimizer;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * Adam, Kingma and Ba 2015, Algorithm 1:
 * <pre>
 *   t  = t + 1
 *   m  = beta1 m + (1 - beta1) g
 *   v  = beta2 v + (1 - beta2) g^2
 *   m^ = m / (1 - beta1^t)
 *   v^ = v / (1 - beta2^t)
 *   p' = p - lr m^ / (sqrt(v^) + eps)
 * </pre>
 * Holds {@code m}, {@code v} and {@code t}; one job, one thread.
 */
public final class Adam implements Optimizer, OptimizerState {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, Tensor> first = Moments.newMap();
    private final Map<String, Tensor> second = Moments.newMap();
    private int t;

    public Adam(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String id() {
        return "adam";
    }

    @Override
    public Map<String, Tensor> step(Ops ops, Map<String, Tensor> params, Map<String, Tensor> grads, double lr) {
        t++;
        double correction1 = 1.0 - Math.pow(beta1, t);
        double correction2 = 1.0 - Math.pow(beta2, t);
        return Moments.update(params, grads, (name, p, g) -> {
            Tensor m = ops.add(ops.scale(Moments.get(first, name, ops, p), beta1), ops.scale(g, 1.0 - beta1));
            Tensor v = ops.add(ops.scale(Moments.get(second, name, ops, p), beta2),
                    ops.scale(ops.mul(g, g), 1.0 - beta2));
            first.put(name, m);
            second.put(name, v);
            Tensor mHat = ops.scale(m, 1.0 / correction1);
            Tensor vHat = ops.scale(v, 1.0 / correction2);
            Tensor denominator = ops.addScalar(Moments.sqrt(ops, vHat), epsilon);
            return ops.sub(p, ops.scale(ops.div(mHat, denominator), lr));
        });
    }

    @Override
    public long steps() {
        return t;
    }

    @Override
    public Map<String, Tensor> moments() {
        return Moments.export(named());
    }

    @Override
    public void resume(long steps, Map<String, Tensor> moments) {
        Moments.restore(named(), moments);
        t = (int) steps;
    }

    private Map<String, Map<String, Tensor>> named() {
        return Map.of("m", first, "v", second);
    }
}
