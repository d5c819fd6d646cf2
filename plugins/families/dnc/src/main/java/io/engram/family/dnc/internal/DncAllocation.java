package io.engram.family.dnc.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * Dynamic memory allocation and the write weighting of a differentiable neural computer (Graves et
 * al. 2016, Methods, "Dynamic memory allocation" and "Write weighting"), for a batch at once, every
 * weighting {@code [B, 1, N]}:
 * <pre>
 *   ψ_t = Π_{i=1..R} (1 - f^i_t w^{r,i}_{t-1})                       memory retention
 *   u_t = (u_{t-1} + w^w_{t-1} - u_{t-1} ∘ w^w_{t-1}) ∘ ψ_t           usage
 *   φ_t = the slot indices sorted by u_t ascending                   free list (ties by index)
 *   a_t[φ_t[j]] = (1 - u_t[φ_t[j]]) Π_{i<j} u_t[φ_t[i]]               allocation weighting
 *   w^w_t = g^w_t [g^a_t a_t + (1 - g^a_t) c^w_t]                    write weighting
 * </pre>
 * The free list's order enters as a precedence matrix computed by comparisons on the backend (no
 * copy to the host, no per-slot loop): {@code P[i,j] = 1} when slot {@code j} comes before slot
 * {@code i} in {@code φ_t}. Then {@code Π_{i<j} u_t[φ_t[i]]} is {@code exp(Σ_k P[·,k] log u_t[k])},
 * a batched product, and the allocation is differentiable with respect to the usage given that
 * order (as in the paper, no gradient flows through the sort: the comparisons have none). Stateless.
 */
final class DncAllocation {
    /**
     * Added to the usage before its logarithm, so that a free slot ({@code u = 0}) gives a finite
     * logarithm and gradient; far below what an f32 or f64 usage resolves next to 1.
     */
    static final double TINY = 1e-30;

    private DncAllocation() {
    }

    /** Retention {@code ψ [B, 1, N]} from the free gates {@code [B, R, 1]} and the previous read weightings {@code [B, R, N]}. */
    static Tensor retention(Ops ops, Tensor free, Tensor previousReads) {
        Tensor psi = null;
        for (int i = 0; i < previousReads.dim(1); i++) {
            Tensor kept = oneMinus(ops, ops.mul(ops.slice(free, 1, i, i + 1), ops.slice(previousReads, 1, i, i + 1)));
            psi = psi == null ? kept : ops.mul(psi, kept);
        }
        return psi;
    }

    /** Usage {@code u_t} from {@code u_{t-1}}, {@code w^w_{t-1}} and {@code ψ_t}, all {@code [B, 1, N]}. */
    static Tensor usage(Ops ops, Tensor previousUsage, Tensor previousWrite, Tensor retention) {
        Tensor grown = ops.sub(ops.add(previousUsage, previousWrite), ops.mul(previousUsage, previousWrite));
        return ops.mul(grown, retention);
    }

    /**
     * The allocation weighting {@code a_t [B, 1, N]} from the usage {@code [B, 1, N]}: slot {@code j}
     * precedes slot {@code i} in the free list when {@code u[j] < u[i]}, or {@code u[j] = u[i]} and
     * {@code j < i}; the product over the slots before {@code i} is {@code exp(Σ_j P[i,j] log u[j])}
     * with the 0/1 precedence matrix {@code P [B, N, N]}, one batched product.
     */
    static Tensor allocation(Ops ops, Tensor usage) {
        int b = usage.dim(0);
        int n = usage.dim(2);
        Tensor column = ops.reshape(usage, Shape.of(b, n, 1));
        Tensor precedes = ops.where(DncMasks.of(n).before(ops, usage.dtype()), ops.lessEqual(usage, column),
                ops.less(usage, column));
        Tensor logs = ops.log(ops.addScalar(column, TINY));
        Tensor products = ops.reshape(ops.exp(ops.batchedMatmul(precedes, logs)), Shape.of(b, 1, n));
        return ops.mul(oneMinus(ops, usage), products);
    }

    /** The write weighting from the allocation gate {@code [B, 1, 1]}, write gate {@code [B, 1, 1]}, allocation and content {@code [B, 1, N]}. */
    static Tensor writeWeighting(Ops ops, Tensor allocationGate, Tensor writeGate, Tensor allocation, Tensor content) {
        Tensor mixed = ops.add(content, ops.mul(allocationGate, ops.sub(allocation, content)));
        return ops.mul(writeGate, mixed);
    }

    /** {@code 1 - x}. */
    static Tensor oneMinus(Ops ops, Tensor x) {
        return ops.addScalar(ops.scale(x, -1.0), 1.0);
    }
}
