package io.engram.family.dnc.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * Content lookup, writing and reading on the memory of a differentiable neural computer (Graves et
 * al. 2016, Methods, "Reading and writing to memory" and "Content-based addressing"), for a batch of
 * memories {@code M [B, N, W]} at once:
 * <pre>
 *   D(u, v)       = u·v / (|u| |v|)                                       cosine similarity
 *   C(M, k, β)[i] = exp(β D(k, M[i,·])) / Σ_j exp(β D(k, M[j,·]))           content weighting
 *   M_t           = M_{t-1} ∘ (E - w^w_t e_t^T) + w^w_t v_t^T                 erase, then add
 *   r^i_t         = M_t^T w^{r,i}_t                                         read vectors
 * </pre>
 * Norms are {@code sqrt(Σ x² + ε)} with {@code ε = 1e-8}, so that a zero row gives a finite gradient.
 * Every sum over rows is a {@link Ops#batchedMatmul}. Stateless.
 */
final class DncMemory {
    static final double EPSILON = 1e-8;

    private DncMemory() {
    }

    /** Content weighting: {@code memory [B, N, W]}, {@code keys [B, K, W]}, {@code strengths [B, K, 1]} give {@code [B, K, N]}. */
    static Tensor content(Ops ops, Tensor memory, Tensor keys, Tensor strengths) {
        int b = memory.dim(0);
        Tensor dots = ops.batchedMatmul(keys, memory, false, true);
        Tensor keyNorm = ops.reshape(norm(ops, keys), Shape.of(b, keys.dim(1), 1));
        Tensor rowNorm = ops.reshape(norm(ops, memory), Shape.of(b, 1, memory.dim(1)));
        return ops.softmax(ops.mul(strengths, ops.div(dots, ops.mul(keyNorm, rowNorm))), -1);
    }

    /** Erase and add: {@code weighting [B, 1, N]}, {@code erase} and {@code write} {@code [B, 1, W]}. */
    static Tensor write(Ops ops, Tensor memory, Tensor weighting, Tensor erase, Tensor write) {
        Tensor erased = ops.sub(memory, ops.mul(memory, ops.batchedMatmul(weighting, erase, true, false)));
        return ops.add(erased, ops.batchedMatmul(weighting, write, true, false));
    }

    /** Read vectors {@code [B, R, W]} from the read weightings {@code [B, R, N]}. */
    static Tensor read(Ops ops, Tensor memory, Tensor weightings) {
        return ops.batchedMatmul(weightings, memory);
    }

    private static Tensor norm(Ops ops, Tensor v) {
        return ops.sqrt(ops.addScalar(ops.sum(ops.mul(v, v), -1), EPSILON));
    }
}
