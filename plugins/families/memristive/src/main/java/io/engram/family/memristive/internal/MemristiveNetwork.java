package io.engram.family.memristive.internal;

import io.engram.api.Batch;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A memristive circuit used as a reservoir: at step {@code t} the inputs set the sources,
 * {@code S_t = u_t Win + s0}, the memories {@code x} follow the circuit's equations ({@link Circuit})
 * for {@code dt} in {@code substeps} Euler steps, and a linear readout of the memories gives the
 * output, {@code y_t = x_t W + b}.
 *
 * <p>Parameters as {@link CircuitBuilder} lists them; only {@code readout.w} and {@code readout.b}
 * are {@link #trainable()}: the circuit is fixed, drawn from the seed and kept in every checkpoint.
 * State: the memories, one tensor {@code [batch, E]}. A {@link LinearReadout} whose features are the
 * memories {@code x_t}. Not thread-safe beyond what {@link io.engram.api.Network} allows.
 */
final class MemristiveNetwork extends AbstractNetwork implements LinearReadout {
    private final MemristiveSettings settings;
    private final int e;

    MemristiveNetwork(ModelSpec spec, MemristiveSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
        this.e = settings.edges();
    }

    @Override
    public Set<String> trainable() {
        return Set.of("readout.w", "readout.b");
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.full(spec().dtype(), Shape.of(batch, e), settings.initial()));
    }

    private Circuit circuit(Map<String, Tensor> params) {
        return new Circuit(params.get("circuit.omega").toDoubleArray(), settings.xi(), settings.alpha(), settings.beta());
    }

    /** Advances the memories {@code x} (from {@code offset}) by one network step under input {@code u} (from {@code uOffset}). */
    private void advance(Circuit c, double[] win, double[] bias, double[] u, int uOffset, double[] x, int offset) {
        int in = spec().inputSize();
        double[] s = bias.clone();
        for (int k = 0; k < in; k++) {
            double uk = u[uOffset + k];
            for (int j = 0; j < e; j++) {
                s[j] += uk * win[k * e + j];
            }
        }
        double[] row = java.util.Arrays.copyOfRange(x, offset, offset + e);
        c.advance(row, s, settings.dt() / settings.substeps(), settings.substeps());
        System.arraycopy(row, 0, x, offset, e);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        Circuit c = circuit(params);
        double[] win = params.get("circuit.in").toDoubleArray();
        double[] bias = params.get("circuit.bias").toDoubleArray();
        int batch = x.dim(0);
        double[] u = x.toDoubleArray();
        double[] m = state.get(0).toDoubleArray();
        for (int j = 0; j < batch; j++) {
            advance(c, win, bias, u, j * spec().inputSize(), m, j * e);
        }
        Tensor next = ops.fromArray(spec().dtype(), Shape.of(batch, e), m);
        return new Step(ops.add(ops.matmul(next, params.get(weights())), params.get("readout.b")), State.of(next));
    }

    @Override
    public String weights() {
        return "readout.w";
    }

    @Override
    public Optional<String> bias() {
        return Optional.of("readout.b");
    }

    @Override
    public int features() {
        return e;
    }

    @Override
    public int outputs() {
        return spec().outputSize();
    }

    /** The memories after every step; a sequence's memories are held through its padded steps. */
    @Override
    public Tensor features(Ops ops, Map<String, Tensor> params, Batch batch) {
        Circuit c = circuit(params);
        double[] win = params.get("circuit.in").toDoubleArray();
        double[] bias = params.get("circuit.bias").toDoubleArray();
        int b = batch.batch();
        double[] m = new double[b * e];
        java.util.Arrays.fill(m, settings.initial());
        double[] rows = new double[batch.time() * b * e];
        double[] inputs = batch.inputs();
        for (int t = 0; t < batch.time(); t++) {
            for (int j = 0; j < b; j++) {
                if (batch.stepMask()[t * b + j] != 0) {
                    advance(c, win, bias, inputs, (t * b + j) * batch.inputSize(), m, j * e);
                }
            }
            System.arraycopy(m, 0, rows, t * b * e, b * e);
        }
        return ops.fromArray(spec().dtype(), Shape.of(batch.time() * b, e), rows);
    }
}
