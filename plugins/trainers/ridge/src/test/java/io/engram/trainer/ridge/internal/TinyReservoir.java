package io.engram.trainer.ridge.internal;

import io.engram.api.Batch;
import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Schema;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A test family with a linear readout: a fixed random tanh layer {@code h_t = tanh(x_t A + h_{t-1} B)}
 * and a readout {@code y_t = h_t W + c}; only {@code W} and {@code c} are trainable. Hyperparameter
 * {@code units} (default 6). Not thread-safe.
 */
final class TinyReservoir implements NetworkFamily {

    @Override
    public String id() {
        return "tiny-reservoir";
    }

    @Override
    public String description() {
        return "A fixed random tanh layer with a linear readout, for tests.";
    }

    @Override
    public Schema schema() {
        return Schema.of(HyperParameter.integer("units", 6, 1, 512, "Units."));
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.LINEAR_READOUT);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        int n = spec.hyper().getInt("units");
        SplittableRandom r = new SplittableRandom(seed);
        Ops ops = backend.ops();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("a", uniform(ops, spec, r, 1.0, spec.inputSize(), n));
        p.put("b", uniform(ops, spec, r, 0.8 / Math.sqrt(n), n, n));
        p.put("w", uniform(ops, spec, r, 0.5, n, spec.outputSize()));
        p.put("c", uniform(ops, spec, r, 0.5, spec.outputSize()));
        return new Net(spec, n, p);
    }

    private static Tensor uniform(Ops ops, ModelSpec spec, SplittableRandom r, double scale, int... dims) {
        double[] v = new double[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-scale, scale);
        }
        return ops.fromArray(spec.dtype(), Shape.of(dims), v);
    }

    private static final class Net implements Network, LinearReadout {
        private final ModelSpec spec;
        private final int n;
        private Map<String, Tensor> params;

        Net(ModelSpec spec, int n, Map<String, Tensor> params) {
            this.spec = spec;
            this.n = n;
            this.params = Collections.unmodifiableMap(params);
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
        public Set<String> trainable() {
            return Set.of("w", "c");
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            Map<String, Tensor> p = new LinkedHashMap<>(params);
            values.forEach((name, t) -> {
                if (!p.containsKey(name) || !p.get(name).shape().equals(t.shape())) {
                    throw new IllegalArgumentException("parameter '" + name + "' is unknown or misshapen");
                }
                p.put(name, t);
            });
            params = Collections.unmodifiableMap(p);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(spec.dtype(), Shape.of(batch, n)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            Tensor h = ops.tanh(ops.add(ops.matmul(x, p.get("a")), ops.matmul(state.get(0), p.get("b"))));
            return new Step(ops.add(ops.matmul(h, p.get("w")), p.get("c")), State.of(h));
        }

        @Override
        public String weights() {
            return "w";
        }

        @Override
        public Optional<String> bias() {
            return Optional.of("c");
        }

        @Override
        public int features() {
            return n;
        }

        @Override
        public int outputs() {
            return spec.outputSize();
        }

        @Override
        public Tensor features(Ops ops, Map<String, Tensor> p, Batch batch) {
            int b = batch.batch();
            int in = batch.inputSize();
            Tensor h = ops.zeros(spec.dtype(), Shape.of(b, n));
            List<Tensor> rows = new ArrayList<>();
            for (int t = 0; t < batch.time(); t++) {
                Tensor x = ops.fromArray(spec.dtype(), Shape.of(b, in),
                        Arrays.copyOfRange(batch.inputs(), t * b * in, (t + 1) * b * in));
                Tensor mask = ops.fromArray(spec.dtype(), Shape.of(b, 1),
                        Arrays.copyOfRange(batch.stepMask(), t * b, (t + 1) * b));
                Tensor next = ops.tanh(ops.add(ops.matmul(x, p.get("a")), ops.matmul(h, p.get("b"))));
                h = ops.where(mask, next, h);
                rows.add(h);
            }
            return ops.concat(0, rows);
        }
    }
}
