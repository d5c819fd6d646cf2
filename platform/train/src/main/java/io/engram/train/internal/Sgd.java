package io.engram.train.internal;

import io.engram.api.Optimizer;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum (Polyak 1964) and optionally Nesterov's accelerated
 * gradient in the reformulation of Sutskever, Martens, Dahl and Hinton 2013 (eqs. 3-4):
 * <pre>
 *   v  = mu v + g
 *   p' = p - lr v                  (heavy ball)
 *   p' = p - lr (g + mu v)         (Nesterov)
 * </pre>
 * With {@code mu = 0} both are plain gradient descent. Holds {@code v} per parameter; one job, one
 * thread.
 */
public final class Sgd implements Optimizer, OptimizerState {
    private final double momentum;
    private final boolean nesterov;
    private final Map<String, Tensor> velocity = Moments.newMap();

    public Sgd(double momentum, boolean nesterov) {
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String id() {
        return "sgd";
    }

    @Override
    public Map<String, Tensor> step(Ops ops, Map<String, Tensor> params, Map<String, Tensor> grads, double lr) {
        return Moments.update(params, grads, (name, p, g) -> {
            if (momentum == 0.0) {
                return ops.sub(p, ops.scale(g, lr));
            }
            Tensor v = ops.add(ops.scale(Moments.get(velocity, name, ops, p), momentum), g);
            velocity.put(name, v);
            Tensor direction = nesterov ? ops.add(g, ops.scale(v, momentum)) : v;
            return ops.sub(p, ops.scale(direction, lr));
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
        return Map.of("velocity", velocity);
    }
}
