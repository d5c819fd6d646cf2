package io.engram.layers;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * Content lookup, reading and writing on a batch of external memories {@code M [B, N, W]}, as the
 * neural Turing machine (Graves, Wayne and Danihelka 2014, sections 3.1-3.3.1, eqs. 2-6) and the
 * differentiable neural computer (Graves et al. 2016, Methods, "Reading and writing to memory",
 * "Content-based addressing") define them:
 * <pre>
 *   D(u, v)       = u·v / (|u| |v|)                                  cosine similarity
 *   C(M, k, β)[i] = exp(β D(k, M[i,·])) / Σ_j exp(β D(k, M[j,·]))      content weighting
 *   M̃_t(i)        = M_{t-1}(i) ⊙ Π_h [1 - w^h_t(i) e^h_t]             erase, every write head
 *   M_t(i)        = M̃_t(i) + Σ_h w^h_t(i) a^h_t                       then add
 *   r_t           = Σ_i w_t(i) M_t(i)                                 read vector of each read head
 * </pre>
 * Norms are {@code sqrt(Σ x² + ε)} with {@code ε = 1e-8}, so that a zero row gives a finite
 * gradient. Every sum over rows is one {@link Ops#batchedMatmul} over the batch, so a step allocates
 * no per-row tensors. Stateless and thread-safe.
 */
public final class MemoryAccess {
    /** The {@code ε} under the square root of every norm. */
    public static final double EPSILON = 1e-8;

    private MemoryAccess() {
    }

    /** Content weighting: {@code memory [B, N, W]}, {@code keys [B, K, W]} and {@code strengths [B, K, 1]} give {@code [B, K, N]}. */
    public static Tensor content(Ops ops, Tensor memory, Tensor keys, Tensor strengths) {
        int b = memory.dim(0);
        Tensor dots = ops.batchedMatmul(keys, memory, false, true);
        Tensor keyNorm = ops.reshape(norm(ops, keys), Shape.of(b, keys.dim(1), 1));
        Tensor rowNorm = ops.reshape(norm(ops, memory), Shape.of(b, 1, memory.dim(1)));
        return ops.softmax(ops.mul(strengths, ops.div(dots, ops.mul(keyNorm, rowNorm))), -1);
    }

    /** Read vectors {@code [B, R, W]} from the read heads' weightings {@code [B, R, N]}. */
    public static Tensor read(Ops ops, Tensor memory, Tensor weightings) {
        return ops.batchedMatmul(weightings, memory);
    }

    /**
     * The write heads' weightings {@code [B, H, N]}, erase vectors {@code erase [B, H, W]} (in
     * {@code (0, 1)}) and add vectors {@code add [B, H, W]}: every head erases, then every head adds.
     */
    public static Tensor write(Ops ops, Tensor memory, Tensor weightings, Tensor erase, Tensor add) {
        Tensor m = memory;
        for (int h = 0; h < weightings.dim(1); h++) {
            Tensor outer = ops.batchedMatmul(ops.slice(weightings, 1, h, h + 1), ops.slice(erase, 1, h, h + 1), true, false);
            m = ops.sub(m, ops.mul(m, outer));
        }
        return ops.add(m, ops.batchedMatmul(weightings, add, true, false));
    }

    private static Tensor norm(Ops ops, Tensor v) {
        return ops.sqrt(ops.addScalar(ops.sum(ops.mul(v, v), -1), EPSILON));
    }
}
