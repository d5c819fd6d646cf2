package io.engram.family.frnn.internal;

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
 * A stack of fully recurrent layers ({@link FrnnCell}); the input of layer {@code l > 0} is the
 * units of layer {@code l - 1}. Outputs are read from the units of the last layer: through a linear
 * readout {@code y_t V + c} ({@code readout=linear}), or, as in Williams and Zipser (1989), as the
 * activations of its first {@code outputSize} units ({@code readout=units}).
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l + n, n]}, {@code layer<l>.b [n]};
 * with the linear readout {@code readout.w [n, out]}, {@code readout.b [out]}. State: the units'
 * outputs of each layer, {@code [batch, n]}. Dropout acts on the input of layers above the first
 * while training. Not thread-safe.
 */
final class FrnnNetwork implements Network {
    private final ModelSpec spec;
    private final FrnnSettings settings;
    private final ParameterStore parameters;

    FrnnNetwork(ModelSpec spec, FrnnSettings settings, Map<String, Tensor> initial) {
        this.spec = spec;
        this.settings = settings;
        this.parameters = new ParameterStore(initial);
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, FrnnSettings s, Ops ops, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), s.initScheme(), s.initScale(), seed);
        int n = s.hidden();
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 0; l < s.layers(); l++) {
            int in = l == 0 ? spec.inputSize() : n;
            p.put("layer" + l + ".w", init.weights(in + n, n, 1));
            p.put("layer" + l + ".b", init.constant(n, 0));
        }
        if (s.readout().equals("linear")) {
            p.put("readout.w", init.weights(n, spec.outputSize(), 1));
            p.put("readout.b", init.constant(spec.outputSize(), 0));
        }
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
            Tensor y = FrnnCell.step(ops, settings.activation(), in, state.get(l), params.get(k + "w"), params.get(k + "b"));
            next.add(y);
            in = y;
        }
        Tensor out = settings.readout().equals("linear")
                ? ops.add(ops.matmul(in, params.get("readout.w")), params.get("readout.b"))
                : ops.slice(in, -1, 0, spec.outputSize());
        return new Step(out, new State(next));
    }
}
