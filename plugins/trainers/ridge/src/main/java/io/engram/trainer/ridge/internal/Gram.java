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
 * thousand units cost one {@code [n, n]} matrix. Everything is summed in f64. {@code X^T X} is
 * symmetric, so only its blocks on and above the diagonal are computed: the columns are cut into
 * panels of at most {@value #PANEL}, and for panels {@code a <= b} the product {@code X_a^T X_b}
 * runs as one f64 matrix product on the backend when it offers f64 (else on the host) and is
 * written to both halves, a little over half the multiply-adds of the full product.
 *
 * <p>Not thread-safe: one per fit, on the job's thread.
 */
final class Gram {
    /** The widest panel of columns whose products are taken. */
    static final int PANEL = 128;

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
            deviceProducts(ops, x, y, count);
        } else {
            hostProducts(x, y, count);
        }
        for (int i = 0; i < count * outputs; i++) {
            yy += y[i] * y[i];
        }
        rows += count;
    }

    /** The panels' products on the backend: {@code X_a^T X_b} for {@code a <= b}, {@code X_a^T Y}. */
    private void deviceProducts(Ops ops, double[] x, double[] y, int count) {
        int panels = (n + PANEL - 1) / PANEL;
        Tensor[] columns = new Tensor[panels];
        for (int a = 0; a < panels; a++) {
            columns[a] = ops.fromArray(DType.F64, Shape.of(count, width(a)), panel(x, count, a));
        }
        Tensor ty = ops.fromArray(DType.F64, Shape.of(count, outputs), prefix(y, count * outputs));
        for (int a = 0; a < panels; a++) {
            for (int b = a; b < panels; b++) {
                addBlock(a * PANEL, b * PANEL, width(a), width(b),
                        ops.matmul(columns[a], columns[b], true, false).toDoubleArray());
            }
            double[] c = ops.matmul(columns[a], ty, true, false).toDoubleArray();
            for (int i = 0; i < c.length; i++) {
                xty[a * PANEL * outputs + i] += c[i];
            }
        }
    }

    private int width(int panel) {
        return Math.min(PANEL, n - panel * PANEL);
    }

    /** Columns {@code [a * PANEL, a * PANEL + width(a))} of the rows, {@code [count, width(a)]}. */
    private double[] panel(double[] x, int count, int a) {
        int w = width(a);
        if (w == n) {
            return prefix(x, count * n);
        }
        double[] p = new double[count * w];
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, r * n + a * PANEL, p, r * w, w);
        }
        return p;
    }

    /** Adds the block {@code c [rows, cols]} at {@code (i0, j0)} and, off the diagonal, its transpose at {@code (j0, i0)}. */
    private void addBlock(int i0, int j0, int rows, int cols, double[] c) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = c[i * cols + j];
                xtx[(i0 + i) * n + j0 + j] += v;
                if (i0 != j0) {
                    xtx[(j0 + j) * n + i0 + i] += v;
                }
            }
        }
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
                for (int j = i; j < n; j++) {
                    xtx[i * n + j] += xi * x[xr + j];
                }
                for (int o = 0; o < outputs; o++) {
                    xty[i * outputs + o] += xi * y[r * outputs + o];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                xtx[i * n + j] = xtx[j * n + i];
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
