package io.engram.trainer.hybrid.internal;

import io.engram.autodiff.Gradients;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RTRL sensitivities {@code P = ds/dw} of the carried state at a block boundary: one row per
 * state element ({@code n} in all, over every tensor of the state of one stream), one column per
 * trainable parameter element ({@code p}, in the order of the parameters and, within each, of its
 * elements). This is the fixed-size storage of the algorithm, {@code O(n p)}, which is
 * {@code O(n^3)} for a fully recurrent net with {@code p ~ n^2} weights. One stream, one thread.
 */
final class SensitivityMatrix {
    private final double[][] rows;

    /** Zero sensitivities: the initial state does not depend on the weights. */
    SensitivityMatrix(int stateSize, int parameterSize) {
        this.rows = new double[stateSize][parameterSize];
    }

    private SensitivityMatrix(double[][] rows) {
        this.rows = rows;
    }

    int stateSize() {
        return rows.length;
    }

    /**
     * {@code direct + a^T P}: the gradient of a loss with respect to the weights, given its direct
     * part (through the weights of the block, the state at the block's start held fixed) and its
     * adjoint {@code a = dE/ds} at the block's start.
     */
    double[] chain(double[] direct, double[] adjoint) {
        double[] g = direct.clone();
        for (int i = 0; i < rows.length; i++) {
            double a = adjoint[i];
            if (a != 0.0) {
                double[] row = rows[i];
                for (int j = 0; j < g.length; j++) {
                    g[j] += a * row[j];
                }
            }
        }
        return g;
    }

    /**
     * The sensitivities at the block's end, {@code P' = J P + D}, from each end-state element's row
     * {@code J_k = ds'_k/ds} of the block's Jacobian and {@code D_k = ds'_k/dw} (the state at its
     * start held fixed).
     */
    SensitivityMatrix advance(double[][] jacobianRows, double[][] directRows) {
        double[][] next = new double[jacobianRows.length][];
        for (int k = 0; k < next.length; k++) {
            next[k] = chain(directRows[k], jacobianRows[k]);
        }
        return new SensitivityMatrix(next);
    }

    /** The adjoints of {@code leaves} in {@code g}, flattened in order into one vector. */
    static double[] flatten(Gradients g, List<Tensor> leaves, int size) {
        double[] out = new double[size];
        int at = 0;
        for (Tensor leaf : leaves) {
            double[] part = g.of(leaf).toDoubleArray();
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A flat vector cut back into tensors shaped like {@code like}, under the same names. */
    static Map<String, Tensor> unflatten(Ops ops, double[] flat, Map<String, Tensor> like) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, Tensor> e : like.entrySet()) {
            Tensor t = e.getValue();
            double[] part = new double[t.shape().size()];
            System.arraycopy(flat, at, part, 0, part.length);
            at += part.length;
            out.put(e.getKey(), ops.fromArray(t.dtype(), t.shape(), part));
        }
        return out;
    }
}
