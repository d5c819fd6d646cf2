package io.engram.family.rmlp.internal;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent multilayer perceptron ({@link RmlpCell}) with layers of their own sizes and a linear
 * readout of the top layer.
 *
 * <p>Parameters, per layer {@code l} bottom to top: {@code layer<l>.w [in_l, n_l]},
 * {@code layer<l>.u [n_l, n_l]}, {@code layer<l>.b [n_l]}; then {@code readout.w [n_L, out]},
 * {@code readout.b [out]}. State: each layer's units {@code [batch, n_l]}, bottom first, zeros at
 * the start.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class RmlpNetwork extends AbstractNetwork implements Differentiable {
    private final int[] sizes;
    private final String activation;

    RmlpNetwork(ModelSpec spec, int[] sizes, String activation, Map<String, Tensor> initial) {
        super(spec, initial);
        this.sizes = sizes.clone();
        this.activation = activation;
    }

    /** Seeded initial parameters, layer by layer, then the readout. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, int[] sizes, Ops ops, String scheme, double scale,
                                                 long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), scheme, scale, seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        int in = spec.inputSize();
        for (int l = 0; l < sizes.length; l++) {
            p.put("layer" + l + ".w", init.weights(in, sizes[l], 1));
            p.put("layer" + l + ".u", init.weights(sizes[l], sizes[l], 1));
            p.put("layer" + l + ".b", init.constant(sizes[l], 0));
            in = sizes[l];
        }
        Readout.initialise(p, init, in, spec.outputSize());
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        List<Tensor> s = new ArrayList<>(sizes.length);
        for (int n : sizes) {
            s.add(ops.zeros(spec().dtype(), Shape.of(batch, n)));
        }
        return new State(s);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        List<Tensor> next = new ArrayList<>(sizes.length);
        Tensor below = x;
        for (int l = 0; l < sizes.length; l++) {
            String k = "layer" + l + ".";
            below = RmlpCell.step(ops, activation, below, state.get(l), p.get(k + "w"), p.get(k + "u"), p.get(k + "b"));
            next.add(below);
        }
        return new Step(Readout.apply(ops, p, below), new State(next));
    }
}
