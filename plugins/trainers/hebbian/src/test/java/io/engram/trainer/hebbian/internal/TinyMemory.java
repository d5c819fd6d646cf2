package io.engram.trainer.hebbian.internal;

import io.engram.api.Associative;
import io.engram.api.Capability;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test family: a Hopfield memory as wide as the outputs with the rules {@code hebbian}
 * ({@code W = (1/n) sum xi xi^T}, zero diagonal) and {@code halved} (half of it), recalled by
 * asynchronous sweeps. Its step copies the state. Not thread-safe.
 */
final class TinyMemory implements NetworkFamily {

    @Override
    public String id() {
        return "tiny-memory";
    }

    @Override
    public String description() {
        return "A Hopfield memory for tests.";
    }

    @Override
    public Schema schema() {
        return Schema.empty();
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.ASSOCIATIVE);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        return new Net(spec, backend.ops().zeros(spec.dtype(), Shape.of(spec.outputSize(), spec.outputSize())));
    }

    private static final class Net implements Network, Associative {
        private final ModelSpec spec;
        private final int n;
        private Tensor w;

        Net(ModelSpec spec, Tensor w) {
            this.spec = spec;
            this.n = spec.outputSize();
            this.w = w;
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of("weights", w);
        }

        @Override
        public Set<String> trainable() {
            return Set.of();
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            w = values.get("weights");
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(spec.dtype(), Shape.of(batch, n)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            return new Step(state.get(0), state);
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public List<String> rules() {
            return List.of("hebbian", "halved");
        }

        @Override
        public void store(Ops ops, String rule, Tensor patterns) {
            if (!rules().contains(rule)) {
                throw new IllegalArgumentException("unknown rule " + rule);
            }
            double[] xi = patterns.toDoubleArray();
            double[] v = new double[n * n];
            double scale = rule.equals("halved") ? 0.5 / n : 1.0 / n;
            for (int mu = 0; mu < patterns.dim(0); mu++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        v[i * n + j] += i == j ? 0 : scale * xi[mu * n + i] * xi[mu * n + j];
                    }
                }
            }
            w = ops.fromArray(spec.dtype(), Shape.of(n, n), v);
        }

        @Override
        public Tensor recall(Ops ops, Tensor cue, int steps) {
            double[] v = w.toDoubleArray();
            double[] s = cue.toDoubleArray();
            for (int r = 0; r < cue.dim(0); r++) {
                for (int k = 0; k < steps; k++) {
                    for (int i = 0; i < n; i++) {
                        double h = 0;
                        for (int j = 0; j < n; j++) {
                            h += v[i * n + j] * s[r * n + j];
                        }
                        s[r * n + i] = h > 0 ? 1 : h < 0 ? -1 : s[r * n + i];
                    }
                }
            }
            return ops.fromArray(cue.dtype(), cue.shape(), s);
        }

        @Override
        public Tensor energy(Ops ops, Tensor states) {
            double[] v = w.toDoubleArray();
            double[] s = states.toDoubleArray();
            double[] e = new double[states.dim(0)];
            for (int r = 0; r < e.length; r++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        e[r] -= 0.5 * s[r * n + i] * v[i * n + j] * s[r * n + j];
                    }
                }
            }
            return ops.fromArray(states.dtype(), Shape.of(e.length), e);
        }
    }
}
