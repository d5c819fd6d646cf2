package io.engram.backend.cpu.internal;

import io.engram.tensor.Shape;

/**
 * Walks an output shape row by row (a row is the last axis) together with the matching offsets of
 * inputs that broadcast to it under NumPy rules: trailing axes align, and an input axis of extent 1
 * (or missing) has stride 0.
 */
final class Broadcast {
    /** Receives one output row: its offset, each input's offset and stride along the last axis. */
    interface RowVisitor {
        void row(int outOffset, int[] inOffsets, int[] inStrides, int length);
    }

    private Broadcast() {
    }

    static void forEachRow(Shape out, Shape[] inputs, RowVisitor visitor) {
        int rank = out.rank();
        int size = out.size();
        if (size == 0) {
            return;
        }
        Rows matrix = rows(out, inputs);
        if (matrix != null) {
            int[] offsets = new int[inputs.length];
            for (int row = 0; row < matrix.rows(); row++) {
                for (int q = 0; q < inputs.length; q++) {
                    offsets[q] = matrix.start(q, row);
                }
                visitor.row(row * matrix.length(), offsets, matrix.along(), matrix.length());
            }
            return;
        }
        int k = inputs.length;
        int[] od = out.toArray();
        int[][] strides = new int[k][rank];
        for (int q = 0; q < k; q++) {
            int[] d = inputs[q].toArray();
            int shift = rank - d.length;
            int stride = 1;
            for (int ax = d.length - 1; ax >= 0; ax--) {
                strides[q][ax + shift] = d[ax] == 1 && od[ax + shift] != 1 ? 0 : stride;
                stride *= d[ax];
            }
        }
        int length = rank == 0 ? 1 : od[rank - 1];
        int[] inner = new int[k];
        for (int q = 0; q < k; q++) {
            inner[q] = rank == 0 ? 0 : strides[q][rank - 1];
        }
        int rows = size / length;
        int[] index = new int[Math.max(rank - 1, 0)];
        int[] offsets = new int[k];
        int[] view = new int[k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(offsets, 0, view, 0, k);
            visitor.row(r * length, view, inner, length);
            for (int ax = rank - 2; ax >= 0; ax--) {
                index[ax]++;
                for (int q = 0; q < k; q++) {
                    offsets[q] += strides[q][ax];
                }
                if (index[ax] < od[ax]) {
                    break;
                }
                for (int q = 0; q < k; q++) {
                    offsets[q] -= strides[q][ax] * od[ax];
                }
                index[ax] = 0;
            }
        }
    }

    /**
     * The rows of an output of rank 2, {@code [rows, length]}: input {@code q} (of rank at most 2)
     * starts row {@code r} at {@code r * perRow[q]} and advances by {@code along[q]} along it; it
     * moves on per row unless it has one row, and along a row unless it has one column. Callers
     * walk the rows themselves, without a visitor, on their hottest paths.
     */
    record Rows(int rows, int length, int[] perRow, int[] along) {
        int start(int input, int row) {
            return row * perRow[input];
        }
    }

    /** The {@link Rows} of a broadcast to {@code out}, or null unless {@code out} has rank 2 and every input at most 2. */
    static Rows rows(Shape out, Shape... inputs) {
        if (out.rank() != 2) {
            return null;
        }
        int rows = out.dim(0);
        int len = out.dim(1);
        int[] perRow = new int[inputs.length];
        int[] along = new int[inputs.length];
        for (int q = 0; q < inputs.length; q++) {
            Shape in = inputs[q];
            if (in.rank() > 2) {
                return null;
            }
            int r = in.rank() == 2 ? in.dim(0) : 1;
            int c = in.rank() >= 1 ? in.dim(in.rank() - 1) : 1;
            along[q] = c == 1 && len != 1 ? 0 : 1;
            perRow[q] = r == 1 && rows != 1 ? 0 : c;
        }
        return new Rows(rows, len, perRow, along);
    }
}
