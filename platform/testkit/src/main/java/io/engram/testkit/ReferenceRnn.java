package io.engram.testkit;

import io.engram.api.Capability;
import io.engram.api.Differentiable;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.ParameterVector;
import io.engram.api.Schema;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A reference family for tests of trainers and tools: one layer of tanh units with a linear
 * readout, the simple recurrent network of Elman 1990 (eqs. 1-2 in the notation used here):
 * <pre>
 *   h_t = tanh(x_t Wx + h_{t-1} Wh + b)
 *   y_t = h_t Wy + c
 * </pre>
 * Hyperparameters: {@code hidden} (units, default 3) and {@code scale} (initial weights uniform in
 * {@code [-scale, scale]}, default 0.8). Parameters {@code wx, wh, b, wy, c}. Not a registered
 * service; stateless and thread-safe.
 */
public final class ReferenceRnn implements NetworkFamily {

    @Override
    public String id() {
        return "reference-rnn";
    }

    @Override
    public String description() {
        return "One tanh layer with a linear readout, for tests.";
    }

    @Override
    public Schema schema() {
        return Schema.of(
                HyperParameter.integer("hidden", 3, 1, 4096, "Hidden units."),
                HyperParameter.real("scale", 0.8, 0.0, 10.0, "Initial weights are uniform in [-scale, scale]."));
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        return new Net(spec, backend.ops(), seed);
    }

    /** The network; one job at a time. */
    private static final class Net implements Network, Differentiable {
        private final ModelSpec spec;
        private final int hidden;
        private Map<String, Tensor> params;

        Net(ModelSpec spec, Ops ops, long seed) {
            this.spec = spec;
            this.hidden = spec.hyper().getInt("hidden");
            double scale = spec.hyper().getDouble("scale");
            SplittableRandom r = new SplittableRandom(seed);
            Map<String, Tensor> p = new LinkedHashMap<>();
            p.put("wx", uniform(ops, r, scale, spec.inputSize(), hidden));
            p.put("wh", uniform(ops, r, scale, hidden, hidden));
            p.put("b", uniform(ops, r, scale, hidden));
            p.put("wy", uniform(ops, r, scale, hidden, spec.outputSize()));
            p.put("c", uniform(ops, r, scale, spec.outputSize()));
            this.params = Collections.unmodifiableMap(p);
        }

        private Tensor uniform(Ops ops, SplittableRandom r, double scale, int... dims) {
            Shape shape = Shape.of(dims);
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = scale == 0 ? 0 : r.nextDouble(-scale, scale);
            }
            return ops.fromArray(spec.dtype(), shape, v);
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            return type == ParameterVector.class ? Optional.of(type.cast(ParameterVector.of(this)))
                    : Network.super.capability(type);
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
                if (old == null) {
                    throw new IllegalArgumentException("unknown parameter '" + name + "'");
                }
                if (!old.shape().equals(t.shape()) || old.dtype() != t.dtype()) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be " + old.dtype() + " "
                            + old.shape() + ", got " + t.dtype() + " " + t.shape());
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
            return new Step(ops.add(ops.matmul(h, p.get("wy")), p.get("c")), State.of(h));
        }
    }
}
