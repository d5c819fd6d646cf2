package io.engram.family.hopfield.internal;

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
 * A Hopfield network of {@code n} bipolar units with weights {@code weights [n, n]}, stored by a rule
 * of {@link StorageRules} and never trained by gradients ({@link #trainable()} is empty); see
 * {@link HopfieldDynamics} for the equations.
 *
 * <p>As an {@link Associative} memory it stores patterns of {@code n} units, recalls by the chosen
 * updates (one asynchronous sweep or one synchronous update per recall step, stopping at a fixed
 * point) and gives the energy {@code -1/2 s^T W s}, which asynchronous recall never increases.
 *
 * <p>As a network on sequences it runs the same dynamics, one update per step, from a state of zeros
 * (every unit unknown; a unit leaves 0 once its field is not 0): the input {@code x_t} sets the first {@code inputSize} units where it is non-zero,
 * {@code s_i = sign(x_ti)}, and holds them during that step's update; the output is the first
 * {@code outputSize} units. A cue at the first step followed by zero inputs is recalled: the outputs
 * at the last step are the settled pattern (with inputs and outputs as wide as the units).
 *
 * <p>Thread-safety as {@link Network}: steps read the weights from their {@code params}; store,
 * recall and energy use the current weights, one thread at a time.
 */
final class HopfieldNetwork implements Network, Associative {
    static final String WEIGHTS = "weights";

    private final ModelSpec spec;
    private final int n;
    private final boolean synchronous;
    private final ParameterStore params;

    HopfieldNetwork(ModelSpec spec, int n, boolean synchronous, Tensor weights) {
        this.spec = spec;
        this.n = n;
        this.synchronous = synchronous;
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

    /** None: the weights are set by storage rules ({@link #store}), not by gradients. */
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
        return State.of(ops.zeros(spec.dtype(), Shape.of(batch, n)));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        double[] w = p.get(WEIGHTS).toDoubleArray();
        double[] s = state.get(0).toDoubleArray();
        double[] in = x.toDoubleArray();
        int batch = x.dim(0);
        int inputs = x.dim(1);
        int outputs = spec.outputSize();
        double[] out = new double[batch * outputs];
        boolean[] held = new boolean[n];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < n; i++) {
                double v = i < inputs ? in[r * inputs + i] : 0;
                held[i] = v != 0;
                if (held[i]) {
                    s[r * n + i] = Math.signum(v);
                }
            }
            update(w, s, r * n, held);
            System.arraycopy(s, r * n, out, r * outputs, outputs);
        }
        return new Step(ops.fromArray(x.dtype(), Shape.of(batch, outputs), out),
                State.of(ops.fromArray(x.dtype(), Shape.of(batch, n), s)));
    }

    private boolean update(double[] w, double[] s, int off, boolean[] held) {
        return synchronous ? HopfieldDynamics.synchronous(w, n, s, off, held) : HopfieldDynamics.sweep(w, n, s, off, held);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> rules() {
        return StorageRules.NAMES;
    }

    @Override
    public void store(Ops ops, String rule, Tensor patterns) {
        if (!StorageRules.NAMES.contains(rule)) {
            throw new IllegalArgumentException("unknown storage rule '" + rule + "' (known: " + StorageRules.NAMES + ")");
        }
        double[] xi = Bipolar.check(patterns, n);
        int p = patterns.dim(0);
        setParameters(Map.of(WEIGHTS, ops.fromArray(spec.dtype(), Shape.of(n, n), StorageRules.weights(rule, xi, p, n))));
    }

    @Override
    public Tensor recall(Ops ops, Tensor cue, int steps) {
        Bipolar.shape(cue, n, "cue");
        double[] w = params.get(WEIGHTS).toDoubleArray();
        double[] s = cue.toDoubleArray();
        for (int r = 0; r < cue.dim(0); r++) {
            for (int k = 0; k < steps && update(w, s, r * n, null); k++) {
                // until a fixed point or the last step
            }
        }
        return ops.fromArray(cue.dtype(), cue.shape(), s);
    }

    @Override
    public Tensor energy(Ops ops, Tensor states) {
        Bipolar.shape(states, n, "states");
        double[] w = params.get(WEIGHTS).toDoubleArray();
        double[] s = states.toDoubleArray();
        double[] e = new double[states.dim(0)];
        for (int r = 0; r < e.length; r++) {
            e[r] = HopfieldDynamics.energy(w, n, s, r * n);
        }
        return ops.fromArray(states.dtype(), Shape.of(e.length), e);
    }
}
