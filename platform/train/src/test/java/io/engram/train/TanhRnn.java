package io.engram.train;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A one-layer Elman-style test cell: {@code h' = tanh(x Wx + h Wh + b)}, {@code y = h' Wy + c}.
 */
final class TanhRnn implements Network {
    private final ModelSpec spec;
    private final int hidden;
    private Map<String, Tensor> params;

    TanhRnn(Ops ops, int in, int hidden, int out, DType dtype, long seed) {
        this.spec = new ModelSpec("tanh-rnn", in, out, dtype, Hyperparameters.of(Map.of("hidden", hidden)));
        this.hidden = hidden;
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("wx", random(ops, dtype, r, in, hidden));
        p.put("wh", random(ops, dtype, r, hidden, hidden));
        p.put("b", random(ops, dtype, r, hidden));
        p.put("wy", random(ops, dtype, r, hidden, out));
        p.put("c", random(ops, dtype, r, out));
        this.params = Collections.unmodifiableMap(p);
    }

    private static Tensor random(Ops ops, DType dtype, SplittableRandom r, int... dims) {
        Shape shape = Shape.of(dims);
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-0.8, 0.8);
        }
        return ops.fromArray(dtype, shape, v);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return params;
    }

    @Override
    public void setParameters(Map<String, Tensor> values) {
        Map<String, Tensor> p = new LinkedHashMap<>(params);
        values.forEach((name, t) -> {
            Tensor old = p.get(name);
            if (old == null || !old.shape().equals(t.shape()) || old.dtype() != t.dtype()) {
                throw new IllegalArgumentException("parameter '" + name + "' unknown or misshapen");
            }
            p.put(name, t);
        });
        params = Collections.unmodifiableMap(p);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec.dtype(), Shape.of(batch, hidden)));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor h = ops.tanh(ops.add(ops.add(ops.matmul(x, p.get("wx")), ops.matmul(state.get(0), p.get("wh"))),
                p.get("b")));
        Tensor y = ops.add(ops.matmul(h, p.get("wy")), p.get("c"));
        return new Step(y, State.of(h));
    }
}
