package io.engram.family.indrnn.internal;

import io.engram.layers.Initializer;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An IndRNN layer ({@link IndRnnCell}) in a {@link StackedNetwork} with a linear readout
 * {@code y_t = o^L_t V + c}. With {@code residual}, every layer above the first adds its input to
 * its output, {@code o^l_t = h^l_t + o^{l-1}_t} (the identity shortcut of the residual IndRNN,
 * Li et al. 2018, section 3.3 and figure 2(b), without its batch normalisation); otherwise
 * {@code o^l_t = h^l_t}.
 *
 * <p>Parameters, per layer {@code l}: {@code layer<l>.w [in_l, H]}, {@code layer<l>.u [H]},
 * {@code layer<l>.b [H]}; then {@code readout.w [H, out]}, {@code readout.b [out]}. State per layer:
 * {@code [h_t]}, or {@code [o_t, h_t]} with residual connections. Immutable and stateless.
 *
 * @param activation    the units' activation function (relu in the paper)
 * @param top           the parameter prefix of the top layer
 * @param topActivation the top layer's units' function: an activation or {@value IndRnnCell#LINEAR}
 * @param residual      whether layers above the first add their input to their output
 */
record IndRnnLayer(String activation, String top, String topActivation, boolean residual) implements StackedNetwork.Layer {

    /** State tensors per layer. */
    int tensorsPerLayer() {
        return residual ? 2 : 1;
    }

    /**
     * The parameters of one layer, in a fixed order: {@code w} from the initializer, {@code u} drawn
     * uniformly from {@code [low, high]} by {@code random} and clipped into the constraint, {@code b} zero.
     */
    static void parameters(Map<String, Tensor> p, Initializer init, SplittableRandom random, double low, double high,
                           RecurrentConstraint constraint, String k, int in, int n) {
        p.put(k + "w", init.weights(in, n, 1));
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = constraint.clip(low + (high - low) * random.nextDouble());
        }
        p.put(k + "u", init.vector(u));
        p.put(k + "b", init.constant(n, 0));
    }

    @Override
    public List<Tensor> step(Ops ops, Map<String, Tensor> p, String k, Tensor input, List<Tensor> state) {
        return steps(ops, p, k, input, 1, state);
    }

    /** The inputs of all steps projected at once, then one cell step per step. */
    @Override
    public List<Tensor> steps(Ops ops, Map<String, Tensor> p, String k, Tensor inputs, int time, List<Tensor> state) {
        Tensor u = p.get(k + "u");
        boolean shortcut = residual && !k.equals(StackedNetwork.prefix(0));
        List<Tensor> hs = StackedNetwork.projectedSteps(ops, inputs, time, p.get(k + "w"), p.get(k + "b"),
                List.of(state.get(residual ? 1 : 0)),
                (xProj, s) -> List.of(IndRnnCell.step(ops, k.equals(top) ? topActivation : activation, xProj, s.get(0), u)));
        if (!residual) {
            return hs;
        }
        Tensor h = hs.get(0);
        return List.of(shortcut ? ops.add(h, inputs) : h, h);
    }
}
