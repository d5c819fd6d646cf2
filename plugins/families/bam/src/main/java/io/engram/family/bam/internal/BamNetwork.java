package io.engram.family.bam.internal;

import io.engram.api.Associative;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.ParameterStore;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bidirectional associative memory between a layer {@code x} of {@code n = inputSize} units and a
 * layer {@code y} of {@code m = outputSize} units, with weights {@code weights [n, m]} stored by
 * correlation and never trained by gradients ({@link #trainable()} is empty); see
 * {@link BamDynamics} for the equations.
 *
 * <p>As an {@link Associative} memory its state is the pair concatenated, {@code [x; y]} of
 * {@code n + m} units: {@link #store} takes pairs as such rows, a recall step sets {@code y} from
 * {@code x} through {@code W^T} and then {@code x} from {@code y} through {@code W}, and the energy is
 * {@code -x^T W y}, which recall never increases. A cue's zeros are unknown units: a field of 0 leaves
 * a unit as it is, so {@code [x; 0]} recalls {@code y} from {@code x}, and {@code [0; y]} recalls
 * {@code x} from {@code y} (its first half-step finds only zero fields and keeps {@code y}).
 *
 * <p>As a network on sequences the state starts at zeros; the input {@code x_t} sets the units of
 * {@code x} where it is non-zero and holds them, one recall step follows, and the output is
 * {@code y}: a cue of {@code x} at the first step and zeros after recall its partner.
 *
 * <p>Thread-safety as {@link Network}: steps read the weights from their {@code params}; store,
 * recall and energy use the current weights, one thread at a time.
 */
final class BamNetwork implements Network, Associative {
    static final String WEIGHTS = "weights";
    static final String HEBBIAN = "hebbian";

    private final ModelSpec spec;
    private final int n;
    private final int m;
    private final ParameterStore params;

    BamNetwork(ModelSpec spec, Tensor weights) {
        this.spec = spec;
        this.n = spec.inputSize();
        this.m = spec.outputSize();
        this.params = new ParameterStore(Map.of(WEIGHTS, weights));
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return params.snapshot();
    }

    /** None: the weights are stored by correlation ({@link #store}), not trained by gradients. */
    @Override
    public Set<String> trainable() {
        return Set.of();
    }

    @Override
    public void setParameters(Map<String, Tensor> values) {
        params.replace(values);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec.dtype(), Shape.of(batch, n + m)));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        double[] w = p.get(WEIGHTS).toDoubleArray();
        double[] s = state.get(0).toDoubleArray();
        double[] in = x.toDoubleArray();
        int batch = x.dim(0);
        double[] out = new double[batch * m];
        boolean[] held = new boolean[n];
        for (int r = 0; r < batch; r++) {
            int off = r * (n + m);
            for (int i = 0; i < n; i++) {
                held[i] = in[r * n + i] != 0;
                if (held[i]) {
                    s[off + i] = Math.signum(in[r * n + i]);
                }
            }
            BamDynamics.forward(w, n, m, s, off);
            BamDynamics.backward(w, n, m, s, off, held);
            System.arraycopy(s, off + n, out, r * m, m);
        }
        return new Step(ops.fromArray(x.dtype(), Shape.of(batch, m), out),
                State.of(ops.fromArray(x.dtype(), Shape.of(batch, n + m), s)));
    }

    @Override
    public int size() {
        return n + m;
    }

    @Override
    public List<String> rules() {
        return List.of(HEBBIAN);
    }

    @Override
    public void store(Ops ops, String rule, Tensor pairs) {
        if (!HEBBIAN.equals(rule)) {
            throw new IllegalArgumentException("unknown storage rule '" + rule + "' (known: " + rules() + ")");
        }
        shape(pairs, "pairs");
        if (pairs.dim(0) == 0) {
            throw new IllegalArgumentException("pairs: none given");
        }
        double[] v = pairs.toDoubleArray();
        for (int k = 0; k < v.length; k++) {
            if (v[k] != 1 && v[k] != -1) {
                int unit = k % (n + m);
                throw new IllegalArgumentException("pairs: pair " + k / (n + m) + (unit < n ? " x unit " + unit
                        : " y unit " + (unit - n)) + " is " + v[k] + ", not -1 or +1");
            }
        }
        setParameters(Map.of(WEIGHTS, ops.fromArray(spec.dtype(), Shape.of(n, m),
                BamDynamics.correlation(v, pairs.dim(0), n, m))));
    }

    @Override
    public Tensor recall(Ops ops, Tensor cue, int steps) {
        shape(cue, "cue");
        double[] w = params.get(WEIGHTS).toDoubleArray();
        double[] s = cue.toDoubleArray();
        for (int r = 0; r < cue.dim(0); r++) {
            int off = r * (n + m);
            for (int k = 0; k < steps; k++) {
                boolean changed = BamDynamics.forward(w, n, m, s, off);
                if (!(BamDynamics.backward(w, n, m, s, off, null) | changed)) {
                    break;
                }
            }
        }
        return ops.fromArray(cue.dtype(), cue.shape(), s);
    }

    @Override
    public Tensor energy(Ops ops, Tensor states) {
        shape(states, "states");
        double[] w = params.get(WEIGHTS).toDoubleArray();
        double[] s = states.toDoubleArray();
        double[] e = new double[states.dim(0)];
        for (int r = 0; r < e.length; r++) {
            e[r] = BamDynamics.energy(w, n, m, s, r * (n + m));
        }
        return ops.fromArray(states.dtype(), Shape.of(e.length), e);
    }

    private void shape(Tensor t, String what) {
        if (t.rank() != 2 || t.dim(1) != n + m) {
            throw new IllegalArgumentException(what + " must be [rows, " + (n + m) + "] (x of " + n + " units, then y of "
                    + m + "), got " + t.shape());
        }
    }
}
