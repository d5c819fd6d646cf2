package io.engram.testkit;

import io.engram.api.Associative;
import io.engram.api.Capability;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A test family for {@link Associative}: a Hopfield network of {@code units} sign units
 * (Hopfield 1982) with the Hebbian rule, {@code W = (1/P) sum_mu xi^mu xi^mu^T} with a zero
 * diagonal, so that every weight lies in {@code [-1, 1]}. Recall updates the units one at a time in
 * index order, {@code s_i <- sign(sum_j W_ij s_j)} (a unit whose field is 0 keeps its value), one
 * sweep per recall step; the energy {@code E(s) = -1/2 s^T W s} never increases (eq. 7).
 *
 * <p>As a network on sequences the input acts as an external field through a fixed projection
 * {@code U}, and a fixed map {@code P} reads the units: {@code s_t = sign(s_{t-1} W + x_t U)},
 * {@code y_t = s_t P} ({@code sign(0) = 1} here). Parameters {@code weights [N, N]} (the only
 * trainable one, bounded to {@code [-1, 1]}), {@code input [in, N]}, {@code output [N, out]}.
 * Capabilities: {@link Capability#ASSOCIATIVE}, {@link Capability#FLAT_PARAMETERS}; not
 * differentiable. Stateless family; the networks are not thread-safe.
 */
final class HebbianMemory implements NetworkFamily {
    static final String HEBBIAN = "hebbian";

    @Override
    public String id() {
        return "test-hebbian";
    }

    @Override
    public String description() {
        return "A Hopfield memory with the Hebbian rule, for tests.";
    }

    @Override
    public Schema schema() {
        return Schema.of(HyperParameter.integer("units", 12, 1, 256, "Sign units."));
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.ASSOCIATIVE, Capability.FLAT_PARAMETERS);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        int n = spec.hyper().getInt("units");
        Ops ops = backend.ops();
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("weights", ops.zeros(spec.dtype(), Shape.of(n, n)));
        p.put("input", MapNetwork.uniform(ops, spec, r, 1.0, spec.inputSize(), n));
        p.put("output", MapNetwork.uniform(ops, spec, r, 1.0, n, spec.outputSize()));
        return new Net(spec, n, p);
    }

    /** The network; one thread at a time. */
    private static final class Net extends MapNetwork implements Associative {
        private final int n;

        Net(ModelSpec spec, int n, Map<String, Tensor> initial) {
            super(spec, initial);
            this.n = n;
        }

        @Override
        public Set<String> trainable() {
            return Set.of("weights");
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            return type == ParameterVector.class ? Optional.of(type.cast(ParameterVector.bounded(this, -1, 1)))
                    : super.capability(type);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(spec().dtype(), Shape.of(batch, n)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            Tensor field = ops.add(ops.matmul(state.get(0), p.get("weights")), ops.matmul(x, p.get("input")));
            Tensor s = ops.addScalar(ops.scale(ops.greaterEqual(field, ops.zeros(field.dtype(), Shape.scalar())), 2), -1);
            return new Step(ops.matmul(s, p.get("output")), State.of(s));
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public List<String> rules() {
            return List.of(HEBBIAN);
        }

        @Override
        public void store(Ops ops, String rule, Tensor patterns) {
            if (!HEBBIAN.equals(rule)) {
                throw new IllegalArgumentException("unknown storage rule '" + rule + "' (known: " + rules() + ")");
            }
            if (patterns.rank() != 2 || patterns.dim(1) != n || patterns.dim(0) == 0) {
                throw new IllegalArgumentException("patterns must be [count, " + n + "], got " + patterns.shape());
            }
            int count = patterns.dim(0);
            double[] xi = patterns.toDoubleArray();
            double[] w = new double[n * n];
            for (int mu = 0; mu < count; mu++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        w[i * n + j] += i == j ? 0 : xi[mu * n + i] * xi[mu * n + j] / count;
                    }
                }
            }
            setParameters(Map.of("weights", ops.fromArray(spec().dtype(), Shape.of(n, n), w)));
        }

        @Override
        public Tensor recall(Ops ops, Tensor cue, int steps) {
            double[] w = parameters().get("weights").toDoubleArray();
            double[] s = cue.toDoubleArray();
            for (int row = 0; row < cue.dim(0); row++) {
                boolean changed = true;
                for (int k = 0; k < steps && changed; k++) {
                    changed = false;
                    for (int i = 0; i < n; i++) {
                        double h = 0;
                        for (int j = 0; j < n; j++) {
                            h += w[i * n + j] * s[row * n + j];
                        }
                        double next = h > 0 ? 1 : h < 0 ? -1 : s[row * n + i];
                        changed |= next != s[row * n + i];
                        s[row * n + i] = next;
                    }
                }
            }
            return ops.fromArray(cue.dtype(), cue.shape(), s);
        }

        @Override
        public Tensor energy(Ops ops, Tensor states) {
            double[] w = parameters().get("weights").toDoubleArray();
            double[] s = states.toDoubleArray();
            double[] e = new double[states.dim(0)];
            for (int row = 0; row < e.length; row++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        e[row] -= 0.5 * s[row * n + i] * w[i * n + j] * s[row * n + j];
                    }
                }
            }
            return ops.fromArray(states.dtype(), Shape.of(e.length), e);
        }
    }
}
