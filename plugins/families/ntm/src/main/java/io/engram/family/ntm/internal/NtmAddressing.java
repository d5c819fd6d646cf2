package io.engram.family.ntm.internal;

import io.engram.layers.MemoryAccess;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * The addressing mechanism of a neural Turing machine, Graves, Wayne and Danihelka (2014), "Neural
 * Turing machines", arXiv:1410.5401, section 3.3, eqs. 5-9, for all heads of all sequences at once
 * ({@code [B, heads, N]} weightings over the {@code N} memory rows):
 * <pre>
 *   K[k, M(i)] = k·M(i) / (‖k‖ ‖M(i)‖)                          (6)  cosine similarity
 *   w^c_t(i)   = exp(β_t K[k_t, M_t(i)]) / Σ_j exp(β_t K[k_t, M_t(j)])   (5)  content, key strength β ≥ 0
 *   w^g_t      = g_t w^c_t + (1 - g_t) w_{t-1}                     (7)  interpolation gate g ∈ (0, 1)
 *   w̃_t(i)     = Σ_j w^g_t(j) s_t(i - j)    (indices mod N)        (8)  shift over {-1, 0, +1}
 *   w_t(i)     = w̃_t(i)^γ_t / Σ_j w̃_t(j)^γ_t                     (9)  sharpening γ ≥ 1
 * </pre>
 * The content weighting, eqs. 5-6, is {@link MemoryAccess#content}. Norms are {@code sqrt(Σ v² + ε)} and the power is {@code exp(γ log(w̃ + ε))} with {@code ε = 1e-8},
 * so that neither a zero row nor a zero weight makes the gradient infinite. Everything is written
 * with {@link Ops} (batched products, broadcasting, slices), so a tape records it. Stateless.
 */
final class NtmAddressing {
    static final double EPSILON = 1e-8;

    private NtmAddressing() {
    }

    /** The final weighting {@code w_t [B, heads, N]}: eqs. 5-9 in turn. */
    static Tensor weights(Ops ops, Tensor memory, Tensor key, Tensor beta, Tensor gate, Tensor shift, Tensor gamma,
                          Tensor previous) {
        Tensor wc = MemoryAccess.content(ops, memory, key, beta);
        return sharpen(ops, shift(ops, interpolate(ops, wc, previous, gate), shift), gamma);
    }

    /** Eq. 7: {@code gate [B, heads, 1]} between the content weighting and the previous one. */
    static Tensor interpolate(Ops ops, Tensor content, Tensor previous, Tensor gate) {
        return ops.add(previous, ops.mul(gate, ops.sub(content, previous)));
    }

    /**
     * Eq. 8 with {@code shift [B, heads, 3]} the weights of the shifts {@code -1, 0, +1}: a circular
     * convolution written as the weighting rolled one row each way.
     */
    static Tensor shift(Ops ops, Tensor w, Tensor shift) {
        int n = w.dim(-1);
        Tensor back = ops.slice(shift, -1, 0, 1);
        Tensor stay = ops.slice(shift, -1, 1, 2);
        Tensor ahead = ops.slice(shift, -1, 2, 3);
        Tensor previousRow = ops.concat(2, java.util.List.of(ops.slice(w, -1, n - 1, n), ops.slice(w, -1, 0, n - 1)));
        Tensor nextRow = ops.concat(2, java.util.List.of(ops.slice(w, -1, 1, n), ops.slice(w, -1, 0, 1)));
        return ops.add(ops.add(ops.mul(ahead, previousRow), ops.mul(stay, w)), ops.mul(back, nextRow));
    }

    /** Eq. 9 with {@code gamma [B, heads, 1]}. */
    static Tensor sharpen(Ops ops, Tensor w, Tensor gamma) {
        Tensor powered = ops.exp(ops.mul(gamma, ops.log(ops.addScalar(w, EPSILON))));
        Tensor total = ops.reshape(ops.sum(powered, -1), Shape.of(w.dim(0), w.dim(1), 1));
        return ops.div(powered, total);
    }
}
