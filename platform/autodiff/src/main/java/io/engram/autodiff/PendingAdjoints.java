package io.engram.autodiff;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The adjoint terms of one {@link Tape#backward} pass that wait until the sweep reaches their node,
 * to be joined there once: the adjoints of slices of a tensor (a sequence's projection sliced into
 * T steps costs one adjoint of the projection's size, not T) and the products {@code a^T b} into a
 * weight (a recurrent weight collects one per step and receives their sum as one matrix product
 * over all steps' rows, {@code [h_1; h_2; ...]^T [dz_1; dz_2; ...]}).
 *
 * <p>Made at the start of a pass, dropped at its end; not thread-safe, as the tape is not.
 */
final class PendingAdjoints {
    private final Ops base;
    private final List<SlicePiece>[] slices;
    private final List<Tensor[]>[] products;

    @SuppressWarnings("unchecked")
    PendingAdjoints(Ops base, int nodes) {
        this.base = base;
        this.slices = new List[nodes];
        this.products = new List[nodes];
    }

    /** The adjoint {@code g} of the slice {@code [from, to)} along {@code axis} of node {@code id}. */
    void addSlice(int id, int axis, int from, int to, Tensor g) {
        slices[id] = slices[id] == null ? new ArrayList<>() : slices[id];
        slices[id].add(new SlicePiece(axis, from, to, g));
    }

    /** The product {@code a^T b}, to be added to the adjoint of node {@code id}. */
    void addProduct(int id, Tensor a, Tensor b) {
        products[id] = products[id] == null ? new ArrayList<>() : products[id];
        products[id].add(new Tensor[] {a, b});
    }

    /** Adds what waits for node {@code id} (of {@code shape} and {@code dtype}) into {@code adjoints[id]}, once. */
    void settle(int id, Shape shape, DType dtype, Tensor[] adjoints) {
        if (products[id] != null) {
            Tensor sum = joinProducts(products[id]);
            products[id] = null;
            adjoints[id] = adjoints[id] == null ? sum : base.add(adjoints[id], sum);
        }
        if (slices[id] != null) {
            Tensor joined = joinSlices(slices[id], shape, dtype);
            slices[id] = null;
            adjoints[id] = adjoints[id] == null ? joined : base.add(adjoints[id], joined);
        }
    }

    /** {@code sum_q a_q^T b_q} as one product of the row-wise concatenations. */
    private Tensor joinProducts(List<Tensor[]> pieces) {
        if (pieces.size() == 1) {
            return base.matmul(pieces.get(0)[0], pieces.get(0)[1], true, false);
        }
        List<Tensor> as = new ArrayList<>(pieces.size());
        List<Tensor> bs = new ArrayList<>(pieces.size());
        for (Tensor[] p : pieces) {
            as.add(p[0]);
            bs.add(p[1]);
        }
        return base.matmul(base.concat(0, as), base.concat(0, bs), true, false);
    }

    /** The adjoint {@code g} of the slice {@code [from, to)} along {@code axis} of a recorded tensor. */
    private record SlicePiece(int axis, int from, int to, Tensor g) {
    }

    /**
     * The sum of slice adjoints, each padded with zeros to {@code shape}: pieces of one range are
     * added first; when the ranges then lie along one axis without overlap, the padded sum is one
     * concatenation of the pieces and the zero gaps between them.
     */
    private Tensor joinSlices(List<SlicePiece> pieces, Shape shape, DType dtype) {
        List<SlicePiece> merged = new ArrayList<>();
        for (int i = pieces.size() - 1; i >= 0; i--) {
            SlicePiece p = pieces.get(i);
            int at = -1;
            for (int j = 0; j < merged.size(); j++) {
                SlicePiece q = merged.get(j);
                if (q.axis() == p.axis() && q.from() == p.from() && q.to() == p.to()) {
                    at = j;
                }
            }
            if (at < 0) {
                merged.add(p);
            } else {
                SlicePiece q = merged.get(at);
                merged.set(at, new SlicePiece(q.axis(), q.from(), q.to(), base.add(q.g(), p.g())));
            }
        }
        merged.sort((x, y) -> Integer.compare(x.from(), y.from()));
        int ax = merged.get(0).axis();
        boolean disjoint = true;
        for (int j = 0; j < merged.size(); j++) {
            disjoint &= merged.get(j).axis() == ax && (j == 0 || merged.get(j - 1).to() <= merged.get(j).from());
        }
        if (!disjoint) {
            Tensor sum = null;
            for (SlicePiece p : merged) {
                Tensor padded = joinSlices(List.of(p), shape, dtype);
                sum = sum == null ? padded : base.add(sum, padded);
            }
            return sum;
        }
        List<Tensor> parts = new ArrayList<>(2 * merged.size() + 1);
        int at = 0;
        for (SlicePiece p : merged) {
            if (p.from() > at) {
                parts.add(base.zeros(dtype, shape.with(ax, p.from() - at)));
            }
            parts.add(p.g());
            at = p.to();
        }
        if (at < shape.dim(ax)) {
            parts.add(base.zeros(dtype, shape.with(ax, shape.dim(ax) - at)));
        }
        return parts.size() == 1 ? parts.get(0) : base.concat(ax, parts);
    }
}
