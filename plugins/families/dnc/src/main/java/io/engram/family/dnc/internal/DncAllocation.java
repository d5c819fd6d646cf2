package io.engram.family.dnc.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

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
 * The free list is computed on the host from the usage's values; given that order the allocation is
 * differentiable with respect to the usage (as in the paper, no gradient flows through the sort): the
 * usage is gathered into sorted order, the exclusive cumulative product is built slot by slot with
 * {@link Ops#mul}, and the result is gathered back by the inverse permutation. Stateless.
 */
final class DncAllocation {

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

    /** The allocation weighting {@code a_t [B, 1, N]} from the usage {@code [B, 1, N]}. */
    static Tensor allocation(Ops ops, Tensor usage) {
        int b = usage.dim(0);
        int n = usage.dim(2);
        int[][] order = freeList(usage.toDoubleArray(), b, n);
        Tensor flat = ops.reshape(usage, Shape.of(b * n));
        Tensor sorted = ops.reshape(ops.gather(flat, 0, order[0]), Shape.of(b, n));
        List<Tensor> slots = new ArrayList<>(n);
        Tensor product = null;
        for (int j = 0; j < n; j++) {
            Tensor u = ops.slice(sorted, 1, j, j + 1);
            Tensor free = oneMinus(ops, u);
            slots.add(product == null ? free : ops.mul(free, product));
            product = product == null ? u : ops.mul(product, u);
        }
        Tensor allocated = ops.reshape(ops.concat(1, slots), Shape.of(b * n));
        return ops.reshape(ops.gather(allocated, 0, order[1]), Shape.of(b, 1, n));
    }

    /** The write weighting from the allocation gate {@code [B, 1, 1]}, write gate {@code [B, 1, 1]}, allocation and content {@code [B, 1, N]}. */
    static Tensor writeWeighting(Ops ops, Tensor allocationGate, Tensor writeGate, Tensor allocation, Tensor content) {
        Tensor mixed = ops.add(content, ops.mul(allocationGate, ops.sub(allocation, content)));
        return ops.mul(writeGate, mixed);
    }

    /**
     * The free lists of a batch, flattened: {@code [0]} maps sorted position {@code b*N + j} to the
     * flat index of the slot with the {@code j}-th smallest usage of row {@code b} (ties by index);
     * {@code [1]} is its inverse.
     */
    static int[][] freeList(double[] usage, int batch, int n) {
        int[] forward = new int[batch * n];
        int[] inverse = new int[batch * n];
        for (int b = 0; b < batch; b++) {
            int base = b * n;
            Integer[] slots = IntStream.range(0, n).boxed().sorted(
                    Comparator.comparingDouble((Integer i) -> usage[base + i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
            for (int j = 0; j < n; j++) {
                forward[base + j] = base + slots[j];
                inverse[base + slots[j]] = base + j;
            }
        }
        return new int[][] {forward, inverse};
    }

    /** {@code 1 - x}. */
    static Tensor oneMinus(Ops ops, Tensor x) {
        return ops.addScalar(ops.scale(x, -1.0), 1.0);
    }
}
