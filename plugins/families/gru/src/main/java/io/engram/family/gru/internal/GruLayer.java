package io.engram.family.gru.internal;

import io.engram.layers.Initializer;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A GRU layer ({@link GruCell}) in a {@link StackedNetwork} with a linear readout
 * {@code y_t = h^L_t V + c}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, 3H]} (blocks r, z, candidate),
 * {@code layer<l>.b [3H]}, {@code layer<l>.u_rz [H, 2H]}, {@code layer<l>.u [H, H]}; then
 * {@code readout.w [H, out]}, {@code readout.b [out]}; with the reset gate after the recurrent product
 * ({@link GruCell#resetAfter}) also {@code layer<l>.bu [H]} after {@code layer<l>.u}. State: {@code h}
 * of each layer, {@code [batch, H]}.
 *
 * @param resetAfter whether the reset gate scales {@code U h + b_u} (eq. 8') rather than {@code h} (eq. 8)
 */
record GruLayer(boolean resetAfter) implements StackedNetwork.Layer {

    /** The parameters of one layer, in a fixed order. */
    void parameters(Map<String, Tensor> p, Initializer init, String k, int in, int n) {
        p.put(k + "w", init.weights(in, n, 3));
        p.put(k + "b", init.constant(3 * n, 0));
        p.put(k + "u_rz", init.weights(n, n, 2));
        p.put(k + "u", init.weights(n, n, 1));
        if (resetAfter) {
            p.put(k + "bu", init.constant(n, 0));
        }
    }

    /** {@code [h_t]} from {@code [h_{t-1}]}. */
    @Override
    public List<Tensor> step(Ops ops, Map<String, Tensor> p, String k, Tensor input, List<Tensor> h) {
        return steps(ops, p, k, input, 1, h);
    }

    /**
     * The inputs of all steps projected at once, then one {@link io.engram.tensor.RecurrentKernels#gruSteps}
     * over all steps (with the reset gate after the product, one cell step per step).
     */
    @Override
    public List<Tensor> steps(Ops ops, Map<String, Tensor> p, String k, Tensor inputs, int time, List<Tensor> h) {
        if (resetAfter) {
            return StackedNetwork.projectedSteps(ops, inputs, time, p.get(k + "w"), p.get(k + "b"), h, (xProj, s) ->
                    List.of(GruCell.resetAfter(ops, xProj, s.get(0), p.get(k + "u_rz"), p.get(k + "u"), p.get(k + "bu"))));
        }
        Tensor xProjs = ops.inputProjection(inputs, p.get(k + "w"), p.get(k + "b"));
        return List.of(GruCell.steps(ops, xProjs, h.get(0), p.get(k + "u_rz"), p.get(k + "u")));
    }
}
