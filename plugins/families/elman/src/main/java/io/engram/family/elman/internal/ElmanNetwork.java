package io.engram.family.elman.internal;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack of Elman layers ({@link ElmanCell}) with a linear readout {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, H]}, {@code layer<l>.u [H, H]},
 * {@code layer<l>.b [H]}; then {@code readout.w [H, out]}, {@code readout.b [out]}. State: the
 * context units of each layer ({@code h_{t-1}}), {@code [batch, H]}. Dropout acts on the input of
 * layers above the first while training. Not thread-safe.
 */
final class ElmanNetwork implements Network {
    private final ModelSpec spec;
    private final ElmanSettings settings;
    private final ParameterStore parameters;

    ElmanNetwork(ModelSpec spec, ElmanSettings settings, Map<String, Tensor> initial) {
        this.spec = spec;
        this.settings = settings;
        this.parameters = new ParameterStore(initial);
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, ElmanSettings s, Ops ops, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), s.initScheme(), s.initScale(), seed);
        int n = s.hidden();
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 0; l < s.layers(); l++) {
            int in = l == 0 ? spec.inputSize() : n;
            p.put("layer" + l + ".w", init.weights(in, n, 1));
            p.put("layer" + l + ".u", init.weights(n, n, 1));
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
        List<Tensor> s = new ArrayList<>();
        for (int l = 0; l < settings.layers(); l++) {
            s.add(ops.zeros(spec.dtype(), Shape.of(batch, settings.hidden())));
        }
        return new State(s);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        List<Tensor> next = new ArrayList<>(state.size());
        Tensor in = x;
        for (int l = 0; l < settings.layers(); l++) {
            if (l > 0) {
                in = Dropout.apply(ops, in, settings.dropout(), context);
            }
            String k = "layer" + l + ".";
            Tensor h = ElmanCell.step(ops, settings.activation(), in, state.get(l),
                    params.get(k + "w"), params.get(k + "u"), params.get(k + "b"));
            next.add(h);
            in = h;
        }
        Tensor y = ops.add(ops.matmul(in, params.get("readout.w")), params.get("readout.b"));
        return new Step(y, new State(next));
    }
}
