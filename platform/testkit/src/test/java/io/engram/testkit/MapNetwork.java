package io.engram.testkit;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the test networks share: a spec and named parameters in a map, replaced only after every
 * name, shape and dtype is checked. Not thread-safe.
 */
abstract class MapNetwork implements Network {
    private final ModelSpec spec;
    private Map<String, Tensor> params;

    MapNetwork(ModelSpec spec, Map<String, Tensor> initial) {
        this.spec = spec;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(initial));
    }

    @Override
    public final ModelSpec spec() {
        return spec;
    }

    @Override
    public final Map<String, Tensor> parameters() {
        return params;
    }

    @Override
    public final void setParameters(Map<String, Tensor> values) {
        Map<String, Tensor> p = new LinkedHashMap<>(params);
        values.forEach((name, t) -> {
            Tensor old = p.get(name);
            if (old == null || !old.shape().equals(t.shape()) || old.dtype() != t.dtype()) {
                throw new IllegalArgumentException("parameter '" + name + "' is unknown or misshapen");
            }
            p.put(name, t);
        });
        params = Collections.unmodifiableMap(p);
    }

    /** A tensor of the spec's dtype with values uniform in {@code [-scale, scale]}. */
    static Tensor uniform(Ops ops, ModelSpec spec, SplittableRandom r, double scale, int... dims) {
        Shape shape = Shape.of(dims);
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-scale, scale);
        }
        return ops.fromArray(spec.dtype(), shape, v);
    }
}
