package io.engram.family.frnn.internal;

import io.engram.layers.Initializer;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A fully recurrent layer ({@link FrnnCell}) in a {@link StackedNetwork}; the input of layer
 * {@code l > 0} is the units of layer {@code l - 1}. Outputs are read from the units of the last
 * layer: through a linear readout {@code y_t V + c} ({@code readout=linear}), or, as in Williams and
 * Zipser (1989), as the activations of its first {@code outputSize} units ({@code readout=units},
 * {@link #units}).
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l + n, n]}, {@code layer<l>.b [n]};
 * with the linear readout {@code readout.w [n, out]}, {@code readout.b [out]}. State: the units'
 * outputs of each layer, {@code [batch, n]}.
 *
 * @param activation the units' activation function
 */
record FrnnLayer(String activation) implements StackedNetwork.Layer {

    /** The parameters of one layer, in a fixed order: one matrix over inputs and units. */
    static void parameters(Map<String, Tensor> p, Initializer init, String k, int in, int n) {
        p.put(k + "w", init.weights(in + n, n, 1));
        p.put(k + "b", init.constant(n, 0));
    }

    /** The output map of {@code readout=units}: the first {@code outputs} units of the top layer. */
    static StackedNetwork.Output units(int outputs) {
        return (ops, params, top) -> ops.slice(top, -1, 0, outputs);
    }

    /** {@code [y(t+1)]} from {@code [y(t)]}. */
    @Override
    public List<Tensor> step(Ops ops, Map<String, Tensor> p, String k, Tensor input, List<Tensor> units) {
        return List.of(FrnnCell.step(ops, activation, input, units.get(0), p.get(k + "w"), p.get(k + "b")));
    }
}
