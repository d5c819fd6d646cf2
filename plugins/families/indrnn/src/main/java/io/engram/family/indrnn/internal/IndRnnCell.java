package io.engram.family.indrnn.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of an independently recurrent layer: Li, Li, Cook, Zhu and Gao (2018), "Independently
 * recurrent neural network (IndRNN): building a longer and deeper RNN", CVPR, eq. (2):
 * <pre>
 *   h_t = sigma(W x_t + u ⊙ h_{t-1} + b)
 * </pre>
 * Each unit sees only its own past through one recurrent weight {@code u_n} (the Hadamard product
 * {@code ⊙}); the units of a layer interact only through the layers above. The gradient that
 * reaches {@code h_k} from {@code h_T} is {@code prod_{t=k+1..T} u_n sigma'(.)} per unit (eq. 4),
 * which section 3.1 keeps within bounds by constraining {@code |u_n|} (see {@link RecurrentConstraint}).
 * The input projection {@code W x_t + b} is one {@link Ops#inputProjection} of a whole sequence
 * (see {@link IndRnnLayer}). Stateless.
 */
final class IndRnnCell {
    /** The identity as the units' function: {@code h_t = W x_t + u ⊙ h_{t-1} + b}. */
    static final String LINEAR = "linear";

    private IndRnnCell() {
    }

    /**
     * {@code h_t} from the input's projection {@code xProj = W x_t + b} ({@code [B, H]}), {@code h_{t-1}}
     * and {@code u} ({@code [H]}); {@code activation} an {@link Activation} name or {@link #LINEAR}.
     */
    static Tensor step(Ops ops, String activation, Tensor xProj, Tensor h, Tensor u) {
        Tensor a = ops.add(xProj, ops.mul(h, u));
        return activation.equals(LINEAR) ? a : Activation.apply(ops, activation, a);
    }
}
