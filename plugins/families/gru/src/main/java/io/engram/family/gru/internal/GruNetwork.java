package io.engram.family.gru.internal;

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
 * A stack of GRU layers ({@link GruCell}) with a linear readout {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, 3H]} (blocks r, z, candidate),
 * {@code layer<l>.b [3H]}, {@code layer<l>.u_rz [H, 2H]}, {@code layer<l>.u [H, H]}; then
 * {@code readout.w [H, out]}, {@code readout.b [out]}. State: {@code h} of each layer, {@code [batch, H]}.
 * Dropout acts on the input of layers above the first while training. Not thread-safe.
 */
final class GruNetwork implements Network {
    private final ModelSpec spec;
    private final GruSettings settings;
    private final ParameterStore parameters;

    GruNetwork(ModelSpec spec, GruSettings settings, Map<String, Tensor> initial) {
        this.spec = spec;
        this.settings = settings;
        this.parameters = new ParameterStore(initial);
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, GruSettings s, Ops ops, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), s.initScheme(), s.initScale(), seed);
        int n = s.hidden();
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 0; l < s.layers(); l++) {
            int in = l == 0 ? spec.inputSize() : n;
            p.put("layer" + l + ".w", init.weights(in, n, 3));
            p.put("layer" + l + ".b", init.constant(3 * n, 0));
            p.put("layer" + l + ".u_rz", init.weights(n, n, 2));
            p.put("layer" + l + ".u", init.weights(n, n, 1));
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
            Tensor h = GruCell.step(ops, in, state.get(l), params.get(k + "w"), params.get(k + "b"),
                    params.get(k + "u_rz"), params.get(k + "u"));
            next.add(h);
            in = h;
        }
        Tensor y = ops.add(ops.matmul(in, params.get("readout.w")), params.get("readout.b"));
        return new Step(y, new State(next));
    }
}
