package io.engram.trainer.ridge.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * The sufficient statistics of a least-squares fit, gathered a block of rows at a time: for design
 * rows {@code x} (the features, then a constant 1 when the readout has a bias) and target rows
 * {@code y}, the sums {@code X^T X [n, n]}, {@code X^T Y [n, outputs]}, {@code sum |y|^2} and the
 * number of rows. Memory is {@code O(n^2)} whatever the number of rows, so ten thousand steps of a
 * thousand units cost one {@code [n, n]} matrix. Everything is summed in f64; the products of a
 * block run as one f64 matrix product on the backend when it offers f64, else on the host.
 *
 * <p>Not thread-safe: one per fit, on the job's thread.
 */
final class Gram {
    final int n;
    final int outputs;
    final double[] xtx;
    final double[] xty;
    double yy;
    long rows;

    Gram(int n, int outputs) {
        this.n = n;
        this.outputs = outputs;
        this.xtx = new double[n * n];
        this.xty = new double[n * outputs];
    }

    /** Adds {@code count} rows: {@code x} row-major {@code [count, n]}, {@code y} {@code [count, outputs]}. */
    void add(Ops ops, boolean deviceF64, double[] x, double[] y, int count) {
        if (count == 0) {
            return;
        }
        if (deviceF64) {
            Tensor tx = ops.fromArray(DType.F64, Shape.of(count, n), prefix(x, count * n));
            Tensor ty = ops.fromArray(DType.F64, Shape.of(count, outputs), prefix(y, count * outputs));
            accumulate(xtx, ops.matmul(tx, tx, true, false).toDoubleArray());
            accumulate(xty, ops.matmul(tx, ty, true, false).toDoubleArray());
        } else {
            hostProducts(x, y, count);
        }
        for (int i = 0; i < count * outputs; i++) {
            yy += y[i] * y[i];
        }
        rows += count;
    }

    /** Adds the sums of {@code other}, which has the same sizes. */
    void add(Gram other) {
        accumulate(xtx, other.xtx);
        accumulate(xty, other.xty);
        yy += other.yy;
        rows += other.rows;
    }

    /** The sum of squared errors {@code |X w - Y|^2 = sum_o w_o^T X^T X w_o - 2 w_o^T X^T y_o + |y|^2}. */
    double squaredError(double[] w) {
        double e = yy;
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < n; i++) {
                double wi = w[i * outputs + o];
                if (wi == 0) {
                    continue;
                }
                double gw = 0;
                for (int j = 0; j < n; j++) {
                    gw += xtx[i * n + j] * w[j * outputs + o];
                }
                e += wi * gw - 2 * wi * xty[i * outputs + o];
            }
        }
        return Math.max(0, e);
    }

    private void hostProducts(double[] x, double[] y, int count) {
        for (int r = 0; r < count; r++) {
            int xr = r * n;
            for (int i = 0; i < n; i++) {
                double xi = x[xr + i];
                if (xi == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    xtx[i * n + j] += xi * x[xr + j];
                }
                for (int o = 0; o < outputs; o++) {
                    xty[i * outputs + o] += xi * y[r * outputs + o];
                }
            }
        }
    }

    private static double[] prefix(double[] a, int length) {
        return a.length == length ? a : java.util.Arrays.copyOf(a, length);
    }

    private static void accumulate(double[] into, double[] add) {
        for (int i = 0; i < into.length; i++) {
            into[i] += add[i];
        }
    }
}
