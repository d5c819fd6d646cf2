package io.engram.layers.automaton;

import io.engram.api.State;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's {@link State} as host rows: each state tensor {@code [batch, ...]} flattened per
 * sequence and the tensors joined, so that one row holds every unit of one sequence's state. The
 * layout (each tensor's shape without its batch extent) is taken from a template state. Immutable.
 */
final class StateRows {
    private final List<int[]> shapes = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final DType dtype;
    private final int width;

    /** The layout of {@code template}, a state of any batch size. */
    StateRows(State template, DType dtype) {
        this.dtype = dtype;
        int w = 0;
        for (Tensor t : template.tensors()) {
            int[] dims = new int[t.rank() - 1];
            int size = 1;
            for (int d = 1; d < t.rank(); d++) {
                dims[d - 1] = t.dim(d);
                size *= t.dim(d);
            }
            shapes.add(dims);
            widths.add(size);
            w += size;
        }
        this.width = w;
    }

    /** Units per row. */
    int width() {
        return width;
    }

    /** The rows of a state of {@code batch} sequences. */
    double[][] rows(State state, int batch) {
        double[][] rows = new double[batch][width];
        int offset = 0;
        for (int i = 0; i < state.size(); i++) {
            double[] v = state.get(i).toDoubleArray();
            int w = widths.get(i);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(v, b * w, rows[b], offset, w);
            }
            offset += w;
        }
        return rows;
    }

    /** The state whose sequences have the given rows. */
    State state(Ops ops, List<double[]> rows) {
        List<Tensor> tensors = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < shapes.size(); i++) {
            int w = widths.get(i);
            double[] v = new double[rows.size() * w];
            for (int b = 0; b < rows.size(); b++) {
                System.arraycopy(rows.get(b), offset, v, b * w, w);
            }
            int[] dims = new int[shapes.get(i).length + 1];
            dims[0] = rows.size();
            System.arraycopy(shapes.get(i), 0, dims, 1, dims.length - 1);
            tensors.add(ops.fromArray(dtype, Shape.of(dims), v));
            offset += w;
        }
        return new State(tensors);
    }
}
