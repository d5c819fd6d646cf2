package io.engram.family.ntm.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * Reading and writing the memory of a neural Turing machine, Graves, Wayne and Danihelka (2014),
 * section 3.1, eq. 2 (reading) and section 3.2, eqs. 3-4 (writing), for a batch of memories
 * {@code M [B, N, M]} at once:
 * <pre>
 *   r_t      = Σ_i w_t(i) M_t(i)                          (2)  read vector of each read head
 *   M̃_t(i)   = M_{t-1}(i) ⊙ Π_h [1 - w^h_t(i) e^h_t]       (3)  erase, e ∈ (0, 1)^M
 *   M_t(i)   = M̃_t(i) + Σ_h w^h_t(i) a^h_t                 (4)  add
 * </pre>
 * Every sum over rows is a {@link Ops#batchedMatmul} over the batch. Stateless.
 */
final class NtmMemory {

    private NtmMemory() {
    }

    /** Eq. 2: {@code weights [B, R, N]} of the read heads give {@code [B, R, M]}. */
    static Tensor read(Ops ops, Tensor memory, Tensor weights) {
        return ops.batchedMatmul(weights, memory);
    }

    /**
     * Eqs. 3-4: the write heads' {@code weights [B, W, N]}, erase vectors {@code erase [B, W, M]} and
     * add vectors {@code add [B, W, M]}: every head erases, then every head adds.
     */
    static Tensor write(Ops ops, Tensor memory, Tensor weights, Tensor erase, Tensor add) {
        Tensor m = memory;
        for (int h = 0; h < weights.dim(1); h++) {
            Tensor outer = ops.batchedMatmul(ops.slice(weights, 1, h, h + 1), ops.slice(erase, 1, h, h + 1), true, false);
            m = ops.sub(m, ops.mul(m, outer));
        }
        return ops.add(m, ops.batchedMatmul(weights, add, true, false));
    }
}
