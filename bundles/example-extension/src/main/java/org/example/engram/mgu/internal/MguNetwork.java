package org.example.engram.mgu.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.example.engram.mgu.MguVariant;

/**
 * Stacked minimal gated unit layers ({@link MguCell}) with a linear readout {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters per layer {@code l}: {@code layer<l>.w_f [in_l, H]} (MGU only), {@code .u_f [H, H]}
 * (not MGU3), {@code .b_f [H]} (not MGU2), {@code .w_h [in_l, H]}, {@code .u_h [H, H]},
 * {@code .b_h [H]}; then {@code readout.w [H, out]}, {@code readout.b [out]}. Weights are drawn
 * uniformly from {@code ±scale·sqrt(6 / (fanIn + fanOut))} (Glorot and Bengio 2010), biases start at 0,
 * in a fixed order from one seeded generator. State: {@code h} of each layer. Not thread-safe.
 */
final class MguNetwork implements Network, Differentiable {
    private final ModelSpec spec;
    private final MguVariant variant;
    private final int hidden;
    private final int layers;
    private final LinkedHashMap<String, Tensor> parameters;

    MguNetwork(ModelSpec spec, MguVariant variant, int hidden, int layers, Map<String, Tensor> initial) {
        this.spec = spec;
        this.variant = variant;
        this.hidden = hidden;
        this.layers = layers;
        this.parameters = new LinkedHashMap<>(initial);
    }

    static Map<String, Tensor> initialParameters(ModelSpec spec, MguVariant variant, int hidden, int layers,
                                                 double scale, Ops ops, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DType dtype = spec.dtype();
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? spec.inputSize() : hidden;
            String k = "layer" + l + ".";
            if (variant.gateSeesInput()) {
                p.put(k + "w_f", glorot(ops, dtype, random, in, hidden, scale));
            }
            if (variant.gateSeesState()) {
                p.put(k + "u_f", glorot(ops, dtype, random, hidden, hidden, scale));
            }
            if (variant.gateHasBias()) {
                p.put(k + "b_f", ops.zeros(dtype, Shape.of(hidden)));
            }
            p.put(k + "w_h", glorot(ops, dtype, random, in, hidden, scale));
            p.put(k + "u_h", glorot(ops, dtype, random, hidden, hidden, scale));
            p.put(k + "b_h", ops.zeros(dtype, Shape.of(hidden)));
        }
        p.put("readout.w", glorot(ops, dtype, random, hidden, spec.outputSize(), scale));
        p.put("readout.b", ops.zeros(dtype, Shape.of(spec.outputSize())));
        return p;
    }

    private static Tensor glorot(Ops ops, DType dtype, SplittableRandom random, int fanIn, int fanOut, double scale) {
        double a = scale * Math.sqrt(6.0 / (fanIn + fanOut));
        double[] w = new double[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = a * (2 * random.nextDouble() - 1);
        }
        return ops.fromArray(dtype, Shape.of(fanIn, fanOut), w);
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == ParameterVector.class ? Optional.of(type.cast(ParameterVector.of(this)))
                : Network.super.capability(type);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    @Override
    public void setParameters(Map<String, Tensor> values) {
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor old = parameters.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: "
                        + String.join(", ", parameters.keySet()) + ")");
            }
            if (!old.shape().equals(e.getValue().shape()) || old.dtype() != e.getValue().dtype()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' must be " + old.dtype() + " "
                        + old.shape() + ", got " + e.getValue().dtype() + " " + e.getValue().shape());
            }
        }
        parameters.putAll(values);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        List<Tensor> s = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            s.add(ops.zeros(spec.dtype(), Shape.of(batch, hidden)));
        }
        return new State(s);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        List<Tensor> next = new ArrayList<>(layers);
        Tensor in = x;
        for (int l = 0; l < layers; l++) {
            Tensor h = MguCell.step(ops, variant, params, "layer" + l + ".", in, state.get(l));
            next.add(h);
            in = h;
        }
        Tensor y = ops.add(ops.matmul(in, params.get("readout.w")), params.get("readout.b"));
        return new Step(y, new State(next));
    }
}
