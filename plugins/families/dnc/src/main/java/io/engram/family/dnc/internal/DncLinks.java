package io.engram.family.dnc.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * Temporal memory linkage and the read weightings of a differentiable neural computer (Graves et al.
 * 2016, Methods, "Temporal memory linkage" and "Read weighting"), for a batch at once: the link
 * matrix {@code L [B, N, N]}, the precedence and write weightings {@code [B, 1, N]}, the read
 * weightings {@code [B, R, N]}:
 * <pre>
 *   p_0 = 0,  p_t = (1 - Σ_i w^w_t[i]) p_{t-1} + w^w_t                            precedence
 *   L_0 = 0,  L_t[i,j] = (1 - w^w_t[i] - w^w_t[j]) L_{t-1}[i,j] + w^w_t[i] p_{t-1}[j],  L_t[i,i] = 0
 *   f^i_t = L_t w^{r,i}_{t-1},   b^i_t = L_t^T w^{r,i}_{t-1}                        forward and backward
 *   w^{r,i}_t = π^i_t[1] b^i_t + π^i_t[2] c^{r,i}_t + π^i_t[3] f^i_t                  read weighting
 * </pre>
 * Stateless.
 */
final class DncLinks {

    private DncLinks() {
    }

    /** {@code L_t} from {@code L_{t-1} [B, N, N]}, {@code w^w_t} and {@code p_{t-1}} ({@code [B, 1, N]}). */
    static Tensor link(Ops ops, Tensor previousLink, Tensor write, Tensor previousPrecedence) {
        int b = write.dim(0);
        int n = write.dim(2);
        Tensor column = ops.reshape(write, Shape.of(b, n, 1));
        Tensor kept = DncAllocation.oneMinus(ops, ops.add(column, write));
        Tensor updated = ops.add(ops.mul(kept, previousLink), ops.mul(column, previousPrecedence));
        return ops.mul(updated, DncMasks.of(n).offDiagonal(ops, previousLink.dtype()));
    }

    /** {@code p_t} from {@code p_{t-1}} and {@code w^w_t}, both {@code [B, 1, N]}. */
    static Tensor precedence(Ops ops, Tensor previousPrecedence, Tensor write) {
        Tensor total = ops.reshape(ops.sum(write, -1), Shape.of(write.dim(0), 1, 1));
        return ops.add(ops.mul(DncAllocation.oneMinus(ops, total), previousPrecedence), write);
    }

    /** Forward weightings {@code f_t [B, R, N]}: {@code f[r, i] = Σ_j L[i, j] w[r, j]}. */
    static Tensor forward(Ops ops, Tensor link, Tensor previousReads) {
        return ops.batchedMatmul(previousReads, link, false, true);
    }

    /** Backward weightings {@code b_t [B, R, N]}: {@code b[r, j] = Σ_i L[i, j] w[r, i]}. */
    static Tensor backward(Ops ops, Tensor link, Tensor previousReads) {
        return ops.batchedMatmul(previousReads, link);
    }

    /** Read weightings from the modes {@code [B, R, 3]} (backward, content, forward) and the three weightings {@code [B, R, N]}. */
    static Tensor reads(Ops ops, Tensor modes, Tensor backward, Tensor content, Tensor forward) {
        Tensor back = ops.mul(ops.slice(modes, -1, 0, 1), backward);
        Tensor byContent = ops.mul(ops.slice(modes, -1, 1, 2), content);
        return ops.add(ops.add(back, byContent), ops.mul(ops.slice(modes, -1, 2, 3), forward));
    }
}
