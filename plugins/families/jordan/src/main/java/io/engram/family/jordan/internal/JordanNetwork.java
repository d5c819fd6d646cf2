package io.engram.family.jordan.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Dropout;
import io.engram.layers.Initializer;
import io.engram.layers.Readout;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jordan network ({@link JordanCell}): state units of the output's size feed the first hidden
 * layer; further hidden layers are stacked feed-forward; a linear readout gives the output, which
 * (through {@code feedback}) updates the state units.
 *
 * <p>Parameters: {@code layer0.w [in, H]}, {@code layer0.u [out, H]}, {@code layer0.b [H]}; for
 * {@code l > 0} {@code layer<l>.w [H, H]}, {@code layer<l>.b [H]}; then {@code readout.w [H, out]},
 * {@code readout.b [out]}. State: the state units {@code s_{t+1}}, one tensor {@code [batch, out]}
 * (the network's only memory). Dropout acts on the input of layers above the first while training.
 * {@link Differentiable}, with a flat parameter vector. Not thread-safe.
 */
final class JordanNetwork extends AbstractNetwork implements Differentiable {
    private final JordanSettings settings;

    JordanNetwork(ModelSpec spec, JordanSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, JordanSettings s, Ops ops, long seed) {
        Initializer init = s.stack().initializer(ops, spec.dtype(), seed);
        int n = s.stack().hidden();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("layer0.w", init.weights(spec.inputSize(), n, 1));
        p.put("layer0.u", init.weights(spec.outputSize(), n, 1));
        p.put("layer0.b", init.constant(n, 0));
        for (int l = 1; l < s.stack().layers(); l++) {
            p.put("layer" + l + ".w", init.weights(n, n, 1));
            p.put("layer" + l + ".b", init.constant(n, 0));
        }
        Readout.initialise(p, init, n, spec.outputSize());
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, spec().outputSize())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        Tensor s = state.get(0);
        Tensor h = JordanCell.hidden(ops, settings.activation(), x, s,
                params.get("layer0.w"), params.get("layer0.u"), params.get("layer0.b"));
        for (int l = 1; l < settings.stack().layers(); l++) {
            Tensor in = Dropout.apply(ops, h, settings.stack().dropout(), context);
            h = JordanCell.stacked(ops, settings.activation(), in, params.get("layer" + l + ".w"), params.get("layer" + l + ".b"));
        }
        Tensor y = Readout.apply(ops, params, h);
        return new Step(y, State.of(JordanCell.state(ops, settings.selfConnection(), settings.feedback(), s, y)));
    }
}
