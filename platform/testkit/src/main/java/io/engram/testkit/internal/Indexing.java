package io.engram.testkit.internal;

import io.engram.tensor.Shape;

/**
 * Index arithmetic of the reference ops, written out plainly: broadcasting under NumPy rules and
 * the outer/length/inner split of a shape around one axis. Stateless.
 */
public final class Indexing {

    private Indexing() {
    }

    /**
     * For each element of {@code out} (row-major), the index of the element of {@code in} that
     * broadcasts to it: {@code in}'s axes are aligned with {@code out}'s trailing axes, and an
     * extent of 1 repeats its one element.
     */
    public static int[] broadcastIndex(Shape out, Shape in) {
        int rank = out.rank();
        int offset = rank - in.rank();
        int[] index = new int[out.size()];
        int[] position = new int[rank];
        for (int flat = 0; flat < index.length; flat++) {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--) {
                position[d] = rest % out.dim(d);
                rest /= out.dim(d);
            }
            int at = 0;
            for (int d = 0; d < in.rank(); d++) {
                int extent = in.dim(d);
                at = at * extent + (extent == 1 ? 0 : position[d + offset]);
            }
            index[flat] = at;
        }
        return index;
    }

    /** The product of the extents before {@code axis}. */
    public static int outer(Shape s, int axis) {
        int n = 1;
        for (int d = 0; d < axis; d++) {
            n *= s.dim(d);
        }
        return n;
    }

    /** The product of the extents after {@code axis}. */
    public static int inner(Shape s, int axis) {
        int n = 1;
        for (int d = axis + 1; d < s.rank(); d++) {
            n *= s.dim(d);
        }
        return n;
    }
}
