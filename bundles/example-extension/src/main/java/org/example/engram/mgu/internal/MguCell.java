package org.example.engram.mgu.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.example.engram.mgu.MguVariant;

/**
 * One step of a minimal gated unit layer (Zhou et al. 2016; Heck and Salem 2017, sections II-III):
 * <pre>
 *   f_t = σ(W_f x_t + U_f h_{t-1} + b_f)              (gate; the variants drop terms, see {@link MguVariant})
 *   h̃_t = tanh(W_h x_t + U_h (f_t ⊙ h_{t-1}) + b_h)    (candidate)
 *   h_t = (1 - f_t) ⊙ h_{t-1} + f_t ⊙ h̃_t               (update)
 * </pre>
 * Parameters of layer {@code l} are read from {@code params} under {@code layer<l>.w_f}, {@code u_f},
 * {@code b_f} (those the variant uses), {@code w_h}, {@code u_h} and {@code b_h}. Stateless.
 */
final class MguCell {

    private MguCell() {
    }

    static Tensor step(Ops ops, MguVariant variant, Map<String, Tensor> params, String layer, Tensor x, Tensor h) {
        Tensor net = null;
        if (variant.gateSeesInput()) {
            net = ops.matmul(x, params.get(layer + "w_f"));
        }
        if (variant.gateSeesState()) {
            Tensor uh = ops.matmul(h, params.get(layer + "u_f"));
            net = net == null ? uh : ops.add(net, uh);
        }
        if (variant.gateHasBias()) {
            Tensor b = params.get(layer + "b_f");
            net = net == null ? b : ops.add(net, b);
        }
        Tensor f = ops.sigmoid(net);
        Tensor candidate = ops.tanh(ops.add(ops.inputProjection(x, params.get(layer + "w_h"), params.get(layer + "b_h")),
                ops.matmul(ops.mul(f, h), params.get(layer + "u_h"))));
        Tensor keep = ops.addScalar(ops.scale(f, -1.0), 1.0);
        return ops.add(ops.mul(keep, h), ops.mul(f, candidate));
    }
}
