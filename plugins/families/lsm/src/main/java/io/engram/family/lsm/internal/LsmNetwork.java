package io.engram.family.lsm.internal;

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
 * A liquid state machine (Maass, Natschlaeger and Markram 2002): a fixed column of spiking neurons
 * ({@link LifColumn}) driven by the inputs (spike trains: 1 in a step where a channel spikes, or any
 * real-valued current), and a linear readout of the exponentially filtered spike trains,
 * {@code y_t = z_t W + b}.
 *
 * <p>Parameters as {@link ColumnBuilder} lists them; only {@code readout.w} and {@code readout.b}
 * are {@link #trainable()}: the column is fixed, drawn from the seed and kept in every checkpoint.
 * State: one tensor {@code [batch, 10 N]}, the blocks of {@link LifColumn}. The network is a
 * {@link LinearReadout} whose features are the filtered spike trains {@code z_t}; it is not
 * differentiable (spikes are thresholds). Not thread-safe beyond what {@link io.engram.api.Network}
 * allows.
 */
final class LsmNetwork extends AbstractNetwork implements LinearReadout {
    private final LsmSettings settings;
    private final int n;

    LsmNetwork(ModelSpec spec, LsmSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
        this.n = settings.neurons();
    }

    @Override
    public Set<String> trainable() {
        return Set.of("readout.w", "readout.b");
    }

    @Override
    public State initialState(Ops ops, int batch) {
        double[] one = LifColumn.of(settings, parameters()).initial();
        double[] all = new double[batch * one.length];
        for (int j = 0; j < batch; j++) {
            System.arraycopy(one, 0, all, j * one.length, one.length);
        }
        return State.of(ops.fromArray(spec().dtype(), Shape.of(batch, one.length), all));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        LifColumn column = LifColumn.of(settings, params);
        int batch = x.dim(0);
        double[] st = state.get(0).toDoubleArray();
        double[] xs = x.toDoubleArray();
        int width = LifColumn.SLOTS * n;
        for (int j = 0; j < batch; j++) {
            column.step(xs, j * spec().inputSize(), st, j * width);
        }
        Tensor next = ops.fromArray(spec().dtype(), Shape.of(batch, width), st);
        Tensor z = ops.slice(next, 1, LifColumn.TRACE * n, (LifColumn.TRACE + 1) * n);
        return new Step(ops.add(ops.matmul(z, params.get(weights())), params.get("readout.b")), State.of(next));
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
        return n;
    }

    @Override
    public int outputs() {
        return spec().outputSize();
    }

    /** The filtered spike trains of every step; a sequence's state is held through its padded steps. */
    @Override
    public Tensor features(Ops ops, Map<String, Tensor> params, Batch batch) {
        LifColumn column = LifColumn.of(settings, params);
        int b = batch.batch();
        int in = batch.inputSize();
        double[] one = column.initial();
        double[] st = new double[b * one.length];
        for (int j = 0; j < b; j++) {
            System.arraycopy(one, 0, st, j * one.length, one.length);
        }
        double[] rows = new double[batch.time() * b * n];
        double[] inputs = batch.inputs();
        for (int t = 0; t < batch.time(); t++) {
            for (int j = 0; j < b; j++) {
                if (batch.stepMask()[t * b + j] != 0) {
                    column.step(inputs, (t * b + j) * in, st, j * one.length);
                }
                System.arraycopy(st, j * one.length + LifColumn.TRACE * n, rows, (t * b + j) * n, n);
            }
        }
        return ops.fromArray(spec().dtype(), Shape.of(batch.time() * b, n), rows);
    }
}
