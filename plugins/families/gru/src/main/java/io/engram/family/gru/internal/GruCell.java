package io.engram.family.gru.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One step of a gated recurrent unit layer, Cho et al. (2014), "Learning phrase representations
 * using RNN encoder-decoder for statistical machine translation", EMNLP, section 2.3, eqs. 5-8:
 * <pre>
 *   r_t = σ(W_r x_t + U_r h_{t-1} + b_r)            (5)  reset gate
 *   z_t = σ(W_z x_t + U_z h_{t-1} + b_z)            (6)  update gate
 *   h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t            (7)
 *   h̃_t = tanh(W x_t + U (r_t ⊙ h_{t-1}) + b)        (8)  candidate
 * </pre>
 * The input projection {@code [W_r W_z W] x_t + b} (shape {@code [B, 3H]}) is one
 * {@link Ops#inputProjection} (of a whole sequence at once, see {@link GruLayer}); the recurrence
 * is {@link io.engram.tensor.RecurrentKernels#gruStep} (over all steps
 * {@link io.engram.tensor.RecurrentKernels#gruSteps}) with {@code [U_r U_z]}
 * ({@code [H, 2H]}) and {@code U} ({@code [H, H]}), which a backend may fuse.
 *
 * <p>With the reset gate applied after the recurrent product, as cuDNN and PyTorch compute it
 * (ONNX's {@code linear_before_reset = 1}), eq. 8 becomes
 * <pre>
 *   h̃_t = tanh(W x_t + b + r_t ⊙ (U h_{t-1} + b_u))          (8')
 * </pre>
 * with a recurrent bias {@code b_u} ({@code [H]}); eqs. 5-7 are unchanged ({@link #resetAfter}).
 * Stateless.
 */
final class GruCell {

    private GruCell() {
    }

    /**
     * {@code h_t} of every step stacked ({@code [T*B, H]}), given the projections
     * {@code xProjs = [W_r W_z W] x_t + b} of all steps and the state before the first.
     */
    static Tensor steps(Ops ops, Tensor xProjs, Tensor h, Tensor uRz, Tensor u) {
        return ops.kernels().gruSteps(xProjs, h, uRz, u);
    }

    /**
     * {@code h_t} by eqs. 5-7 and 8' from {@code xProj = [W_r W_z W] x_t + b} ({@code [B, 3H]}),
     * {@code h_{t-1}}, {@code [U_r U_z]}, {@code U} and {@code b_u}.
     */
    static Tensor resetAfter(Ops ops, Tensor xProj, Tensor h, Tensor uRz, Tensor u, Tensor bu) {
        int n = h.dim(-1);
        Tensor gates = ops.add(ops.slice(xProj, -1, 0, 2 * n), ops.matmul(h, uRz));
        Tensor r = ops.sigmoid(ops.slice(gates, -1, 0, n));
        Tensor z = ops.sigmoid(ops.slice(gates, -1, n, 2 * n));
        Tensor candidate = ops.tanh(ops.add(ops.slice(xProj, -1, 2 * n, 3 * n),
                ops.mul(r, ops.add(ops.matmul(h, u), bu))));
        return ops.add(candidate, ops.mul(z, ops.sub(h, candidate)));
    }
}
