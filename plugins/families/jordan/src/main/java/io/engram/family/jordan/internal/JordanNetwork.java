package io.engram.family.jordan.internal;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
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
 * Not thread-safe.
 */
final class JordanNetwork implements Network {
    private final ModelSpec spec;
    private final JordanSettings settings;
    private final ParameterStore parameters;

    JordanNetwork(ModelSpec spec, JordanSettings settings, Map<String, Tensor> initial) {
        this.spec = spec;
        this.settings = settings;
        this.parameters = new ParameterStore(initial);
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, JordanSettings s, Ops ops, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), s.initScheme(), s.initScale(), seed);
        int n = s.hidden();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("layer0.w", init.weights(spec.inputSize(), n, 1));
        p.put("layer0.u", init.weights(spec.outputSize(), n, 1));
        p.put("layer0.b", init.constant(n, 0));
        for (int l = 1; l < s.layers(); l++) {
            p.put("layer" + l + ".w", init.weights(n, n, 1));
            p.put("layer" + l + ".b", init.constant(n, 0));
        }
        p.put("readout.w", init.weights(n, spec.outputSize(), 1));
        p.put("readout.b", init.constant(spec.outputSize(), 0));
        return p;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return parameters.snapshot();
    }

    @Override
    public void setParameters(Map<String, Tensor> values) {
        parameters.replace(values);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec.dtype(), Shape.of(batch, spec.outputSize())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        Tensor s = state.get(0);
        Tensor h = JordanCell.hidden(ops, settings.activation(), x, s,
                params.get("layer0.w"), params.get("layer0.u"), params.get("layer0.b"));
        for (int l = 1; l < settings.layers(); l++) {
            Tensor in = Dropout.apply(ops, h, settings.dropout(), context);
            h = JordanCell.stacked(ops, settings.activation(), in, params.get("layer" + l + ".w"), params.get("layer" + l + ".b"));
        }
        Tensor y = ops.add(ops.matmul(h, params.get("readout.w")), params.get("readout.b"));
        return new Step(y, State.of(JordanCell.state(ops, settings.selfConnection(), settings.feedback(), s, y)));
    }
}
