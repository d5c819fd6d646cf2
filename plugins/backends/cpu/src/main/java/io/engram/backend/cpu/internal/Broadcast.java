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
        if (rank == 2) {
            matrixRows(out, inputs, visitor);
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
     * {@link #forEachRow} for an output of rank 2, {@code [rows, len]}: each input (of rank at most 2)
     * advances by its row length per row unless it has one row, and along a row unless it has one
     * column.
     */
    private static void matrixRows(Shape out, Shape[] inputs, RowVisitor visitor) {
        int rows = out.dim(0);
        int len = out.dim(1);
        int k = inputs.length;
        int[] perRow = new int[k];
        int[] along = new int[k];
        for (int q = 0; q < k; q++) {
            Shape in = inputs[q];
            int r = in.rank() == 2 ? in.dim(0) : 1;
            int c = in.rank() >= 1 ? in.dim(in.rank() - 1) : 1;
            along[q] = c == 1 && len != 1 ? 0 : 1;
            perRow[q] = r == 1 && rows != 1 ? 0 : c;
        }
        int[] offsets = new int[k];
        for (int row = 0; row < rows; row++) {
            for (int q = 0; q < k; q++) {
                offsets[q] = row * perRow[q];
            }
            visitor.row(row * len, offsets, along, len);
        }
    }
}
