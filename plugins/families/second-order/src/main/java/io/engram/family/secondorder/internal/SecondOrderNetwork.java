package io.engram.family.secondorder.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A second-order network ({@link SecondOrderCell}) whose first {@code outputSize} state neurons are
 * its response neurons: the output of step {@code t} is {@code s_0 .. s_{O-1}} at {@code t+1}, read
 * where the task puts its target (at the end of a string, to accept or reject it).
 *
 * <p>Parameters: {@code w [N*K, N]} ({@code W_ijk} at row {@code j*K + k}, column {@code i}) and
 * {@code b [N]}. State: {@code s [batch, N]}, starting at {@code s(0) = (1, 0, ..., 0)}: a state of
 * zeros would make every product {@code s_j x_k} vanish and the first symbol unseen.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class SecondOrderNetwork extends AbstractNetwork implements Differentiable {
    private final int units;

    SecondOrderNetwork(ModelSpec spec, int units, Map<String, Tensor> initial) {
        super(spec, initial);
        this.units = units;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        double[] s = new double[batch * units];
        for (int b = 0; b < batch; b++) {
            s[b * units] = 1;
        }
        return State.of(ops.fromArray(spec().dtype(), Shape.of(batch, units), s));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor next = SecondOrderCell.step(ops, state.get(0), x, p.get("w"), p.get("b"));
        return new Step(ops.slice(next, 1, 0, spec().outputSize()), State.of(next));
    }
}
