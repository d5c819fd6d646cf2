package io.engram.family.lstm.internal;

import io.engram.layers.Initializer;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An LSTM layer ({@link LstmCell}) in a {@link StackedNetwork} with a linear readout
 * {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, 4H]}, {@code layer<l>.r [H, 4H]},
 * {@code layer<l>.b [4H]}, and with peepholes {@code layer<l>.pi}, {@code .pf}, {@code .po [H]};
 * then {@code readout.w [H, out]}, {@code readout.b [out]}. State: {@code h} and {@code c} of each
 * layer, in that order, each {@code [batch, H]}.
 *
 * @param peepholes  whether the gates see the cell state
 * @param forgetBias initial bias of the forget gates
 */
record LstmLayer(boolean peepholes, double forgetBias) implements StackedNetwork.Layer {

    /** The parameters of one layer, in a fixed order. */
    void parameters(Map<String, Tensor> p, Initializer init, String k, int in, int n) {
        p.put(k + "w", init.weights(in, n, 4));
        p.put(k + "r", init.weights(n, n, 4));
        double[] b = new double[4 * n];
        Arrays.fill(b, n, 2 * n, forgetBias);
        p.put(k + "b", init.vector(b));
        if (peepholes) {
            p.put(k + "pi", init.constant(n, 0));
            p.put(k + "pf", init.constant(n, 0));
            p.put(k + "po", init.constant(n, 0));
        }
    }

    /** {@code [h_t, c_t]} from {@code [h_{t-1}, c_{t-1}]}. */
    @Override
    public List<Tensor> step(Ops ops, Map<String, Tensor> p, String k, Tensor input, List<Tensor> hc) {
        return steps(ops, p, k, input, 1, hc);
    }

    /**
     * The inputs of all steps projected at once, then the recurrence: without peepholes one
     * {@link io.engram.tensor.RecurrentKernels#lstmSteps} over all steps, with them one cell step per step.
     */
    @Override
    public List<Tensor> steps(Ops ops, Map<String, Tensor> p, String k, Tensor inputs, int time, List<Tensor> hc) {
        Tensor r = p.get(k + "r");
        if (!peepholes) {
            return LstmCell.steps(ops, ops.inputProjection(inputs, p.get(k + "w"), p.get(k + "b")), hc.get(0), hc.get(1), r);
        }
        return StackedNetwork.projectedSteps(ops, inputs, time, p.get(k + "w"), p.get(k + "b"), hc, (xProj, s) ->
                LstmCell.peephole(ops, xProj, s.get(0), s.get(1), r, p.get(k + "pi"), p.get(k + "pf"), p.get(k + "po")));
    }
}
