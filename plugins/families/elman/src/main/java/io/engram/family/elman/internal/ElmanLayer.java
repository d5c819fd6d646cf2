package io.engram.family.elman.internal;

import io.engram.layers.Initializer;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * An Elman layer ({@link ElmanCell}) in a {@link StackedNetwork} with a linear readout
 * {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, H]}, {@code layer<l>.u [H, H]},
 * {@code layer<l>.b [H]}; then {@code readout.w [H, out]}, {@code readout.b [out]}. State: the
 * context units of each layer ({@code h_{t-1}}), {@code [batch, H]}.
 *
 * @param activation the hidden units' activation function
 */
record ElmanLayer(String activation) implements StackedNetwork.Layer {

    /** The parameters of one layer, in a fixed order. */
    static void parameters(Map<String, Tensor> p, Initializer init, String k, int in, int n) {
        p.put(k + "w", init.weights(in, n, 1));
        p.put(k + "u", init.weights(n, n, 1));
        p.put(k + "b", init.constant(n, 0));
    }

    /** {@code [h_t]} from the context units {@code [h_{t-1}]}. */
    @Override
    public List<Tensor> step(Ops ops, Map<String, Tensor> p, String k, Tensor input, List<Tensor> context) {
        return steps(ops, p, k, input, 1, context);
    }

    /**
     * The inputs of all steps projected at once, then the recurrence: with tanh units one
     * {@link io.engram.tensor.RecurrentKernels#elmanSteps} over all steps, else one cell step per step.
     */
    @Override
    public List<Tensor> steps(Ops ops, Map<String, Tensor> p, String k, Tensor inputs, int time,
                              List<Tensor> context) {
        Tensor u = p.get(k + "u");
        if (activation.equals("tanh")) {
            return List.of(ElmanCell.tanhSteps(ops, ops.inputProjection(inputs, p.get(k + "w"), p.get(k + "b")),
                    context.get(0), u));
        }
        return StackedNetwork.projectedSteps(ops, inputs, time, p.get(k + "w"), p.get(k + "b"), context,
                (xProj, s) -> List.of(ElmanCell.step(ops, activation, xProj, s.get(0), u)));
    }
}
