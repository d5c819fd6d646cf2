package io.engram.family.narx.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NARX network ({@link NarxCell}) whose own outputs are fed back through the output delay line,
 * while training as at inference.
 *
 * <p>Parameters: {@code wu [(n_u + 1) in, H]}, {@code wy [n_y out, H]}, {@code b [H]},
 * {@code readout.w [H, out]}, {@code readout.b [out]}. State: the output delay line
 * {@code [batch, n_y out]} and, when {@code n_u > 0}, the input delay line {@code [batch, n_u in]},
 * both starting at zero, newest value first.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class NarxNetwork extends AbstractNetwork implements Differentiable {
    private final NarxShape shape;

    NarxNetwork(ModelSpec spec, NarxShape shape, Map<String, Tensor> initial) {
        super(spec, initial);
        this.shape = shape;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        List<Tensor> s = new ArrayList<>(2);
        s.add(ops.zeros(spec().dtype(), Shape.of(batch, shape.outputDelays() * spec().outputSize())));
        if (shape.inputDelays() > 0) {
            s.add(ops.zeros(spec().dtype(), Shape.of(batch, shape.inputDelays() * spec().inputSize())));
        }
        return new State(s);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor uTaps = shape.inputDelays() > 0 ? state.get(1) : null;
        List<Tensor> r = NarxCell.step(ops, shape, x, uTaps, state.get(0), p.get("wu"), p.get("wy"), p.get("b"),
                p.get("readout.w"), p.get("readout.b"));
        List<Tensor> next = new ArrayList<>(2);
        next.add(r.get(2));
        if (shape.inputDelays() > 0) {
            next.add(r.get(1));
        }
        return new Step(r.get(0), new State(next));
    }
}
