package io.engram.family.clockwork.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.layers.Readout;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A clockwork RNN ({@link ClockworkCell}) with a linear readout of all hidden units. The step reads
 * the step index {@link StepContext#time()} to know which modules run.
 *
 * <p>Parameters, in this order: {@code input.w [in, units]}, {@code recurrent.w [units, units]}
 * (its masked entries start at zero and, being multiplied by zero on every step, get no gradient),
 * {@code b [units]}, {@code readout.w [units, out]}, {@code readout.b [out]}. State: the hidden
 * units {@code h [batch, units]}, module 0 first, zeros at the start.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class ClockworkNetwork extends AbstractNetwork implements Differentiable {
    private final ClockworkSettings settings;
    private final double[] mask;

    ClockworkNetwork(ModelSpec spec, ClockworkSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
        this.mask = ClockworkMasks.recurrent(settings);
    }

    /** Seeded initial parameters; the recurrent weights outside the mask are zero. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, ClockworkSettings s, Ops ops, String scheme,
                                                 double scale, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), scheme, scale, seed);
        int n = s.units();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("input.w", init.weights(spec.inputSize(), n, 1));
        p.put("recurrent.w", ops.mul(init.weights(n, n, 1),
                ops.fromArray(spec.dtype(), Shape.of(n, n), ClockworkMasks.recurrent(s))));
        p.put("b", init.constant(n, 0));
        Readout.initialise(p, init, n, spec.outputSize());
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, settings.units())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        int n = settings.units();
        Tensor maskedU = ops.mul(p.get("recurrent.w"), ops.fromArray(spec().dtype(), Shape.of(n, n), mask));
        Tensor xProj = ops.inputProjection(x, p.get("input.w"), p.get("b"));
        Tensor active = ClockworkMasks.active(ops, spec().dtype(), settings, context.time(), x.dim(0));
        Tensor h = ClockworkCell.step(ops, settings.activation(), xProj, state.get(0), maskedU, active);
        return new Step(Readout.apply(ops, p, h), State.of(h));
    }
}
