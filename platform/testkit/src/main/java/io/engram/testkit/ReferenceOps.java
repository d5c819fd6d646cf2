package io.engram.testkit;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.internal.Indexing;
import io.engram.testkit.internal.RefTensor;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference implementation of {@link Ops}: every op a plain loop over doubles on the heap,
 * written to be obviously right rather than fast, against which backends are checked
 * ({@link BackendConformance}) and on which the testkit's suites run by default. An f32 result is
 * the f64 computation rounded to float once (so it may differ from a backend's f32 arithmetic by
 * rounding). Matrix products and sums accumulate in index order, so a row's result does not depend
 * on the other rows of a batch.
 *
 * <p>Every abstract op is implemented here, and the comparisons, {@code sqrt}, {@code abs},
 * {@code sign}, {@code maximum}, {@code minimum}, {@code cumsum}, {@code batchedMatmul} and
 * {@code scatterAdd} are written out too; {@code solve}, the step and the fused recurrent ops keep
 * {@link Ops}'s defaults. Operands must come from this class ({@code fromArray}); mixed dtypes and
 * shapes that do not fit are refused with an {@link IllegalArgumentException} naming them. Stateless
 * and thread-safe.
 */
public final class ReferenceOps implements Ops {

    // ---- creation ------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return RefTensor.own(dtype, shape, new double[shape.size()]);
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        double[] v = new double[shape.size()];
        java.util.Arrays.fill(v, value);
        return RefTensor.own(dtype, shape, v);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        return RefTensor.own(dtype, shape, values.clone());
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return RefTensor.own(dtype, shape, v);
    }

    // ---- linear algebra ------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        DType dtype = sameDtype("matmul", a, b);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul needs rank-2 operands, got " + a.shape() + " and " + b.shape());
        }
        int m = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int kb = transposeB ? b.dim(1) : b.dim(0);
        int n = transposeB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner extents differ, " + a.shape() + (transposeA ? "^T" : "")
                    + " @ " + b.shape() + (transposeB ? "^T" : ""));
        }
        double[] x = data(a);
        double[] y = data(b);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? x[p * m + i] : x[i * k + p];
                    double bv = transposeB ? y[j * k + p] : y[p * n + j];
                    s += av * bv;
                }
                out[i * n + j] = s;
            }
        }
        return RefTensor.own(dtype, Shape.of(m, n), out);
    }

    @Override
    public Tensor batchedMatmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        sameDtype("batchedMatmul", a, b);
        if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0)) {
            throw new IllegalArgumentException("batchedMatmul needs rank-3 operands of one batch extent, got "
                    + a.shape() + " and " + b.shape());
        }
        int batch = a.dim(0);
        int m = transposeA ? a.dim(2) : a.dim(1);
        int n = transposeB ? b.dim(1) : b.dim(2);
        Shape sa = Shape.of(a.dim(1), a.dim(2));
        Shape sb = Shape.of(b.dim(1), b.dim(2));
        double[] out = new double[batch * m * n];
        for (int i = 0; i < batch; i++) {
            Tensor ai = RefTensor.own(a.dtype(), sa, java.util.Arrays.copyOfRange(data(a), i * sa.size(),
                    (i + 1) * sa.size()));
            Tensor bi = RefTensor.own(b.dtype(), sb, java.util.Arrays.copyOfRange(data(b), i * sb.size(),
                    (i + 1) * sb.size()));
            System.arraycopy(data(matmul(ai, bi, transposeA, transposeB)), 0, out, i * m * n, m * n);
        }
        return RefTensor.own(a.dtype(), Shape.of(batch, m, n), out);
    }

    // ---- elementwise ---------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", a, b, (x, y) -> x + y);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b, (x, y) -> x - y);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b, (x, y) -> x * y);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("div", a, b, (x, y) -> x / y);
    }

    @Override
    public Tensor scale(Tensor a, double alpha) {
        return unary(a, x -> alpha * x);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return unary(a, x -> x + beta);
    }

    @Override
    public Tensor tanh(Tensor a) {
        return unary(a, Math::tanh);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return unary(a, x -> 1.0 / (1.0 + Math.exp(-x)));
    }

    @Override
    public Tensor relu(Tensor a) {
        return unary(a, x -> x > 0 ? x : 0.0);
    }

    @Override
    public Tensor exp(Tensor a) {
        return unary(a, Math::exp);
    }

    @Override
    public Tensor log(Tensor a) {
        return unary(a, Math::log);
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return unary(a, Math::sqrt);
    }

    @Override
    public Tensor abs(Tensor a) {
        return unary(a, Math::abs);
    }

    @Override
    public Tensor sign(Tensor a) {
        return unary(a, Math::signum);
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return binary("maximum", a, b, (x, y) -> x >= y ? x : y);
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return binary("minimum", a, b, (x, y) -> y >= x ? x : y);
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return binary("greater", a, b, (x, y) -> x > y ? 1.0 : 0.0);
    }

    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return binary("greaterEqual", a, b, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    @Override
    public Tensor less(Tensor a, Tensor b) {
        return binary("less", a, b, (x, y) -> x < y ? 1.0 : 0.0);
    }

    @Override
    public Tensor lessEqual(Tensor a, Tensor b) {
        return binary("lessEqual", a, b, (x, y) -> x <= y ? 1.0 : 0.0);
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        DType dtype = sameDtype("where", a, b);
        sameDtype("where", mask, a);
        Shape out = Shape.broadcast(Shape.broadcast(mask.shape(), a.shape()), b.shape());
        int[] im = Indexing.broadcastIndex(out, mask.shape());
        int[] ia = Indexing.broadcastIndex(out, a.shape());
        int[] ib = Indexing.broadcastIndex(out, b.shape());
        double[] m = data(mask);
        double[] x = data(a);
        double[] y = data(b);
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m[im[i]] != 0 ? x[ia[i]] : y[ib[i]];
        }
        return RefTensor.own(dtype, out, v);
    }

    // ---- along an axis -------------------------------------------------------------------

    @Override
    public Tensor softmax(Tensor a, int axis) {
        return alongAxis(a, axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        return alongAxis(a, axis, true);
    }

    @Override
    public Tensor sum(Tensor a, int axis) {
        return reduce(a, axis, false);
    }

    @Override
    public Tensor mean(Tensor a, int axis) {
        return reduce(a, axis, true);
    }

    @Override
    public Tensor cumsum(Tensor a, int axis) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = Indexing.outer(s, ax);
        int len = s.dim(ax);
        int inner = Indexing.inner(s, ax);
        double[] x = data(a);
        double[] v = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double running = 0;
                for (int l = 0; l < len; l++) {
                    int at = (o * len + l) * inner + in;
                    running += x[at];
                    v[at] = running;
                }
            }
        }
        return RefTensor.own(a.dtype(), s, v);
    }

    @Override
    public Tensor sumAll(Tensor a) {
        double s = 0;
        for (double x : data(a)) {
            s += x;
        }
        return RefTensor.own(a.dtype(), Shape.scalar(), new double[] {s});
    }

    // ---- indexing ------------------------------------------------------------------------

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one part");
        }
        Tensor first = parts.get(0);
        int ax = first.shape().normalizeAxis(axis);
        int total = 0;
        for (Tensor p : parts) {
            sameDtype("concat", first, p);
            if (p.rank() != first.rank() || !p.shape().with(ax, 0).equals(first.shape().with(ax, 0))) {
                throw new IllegalArgumentException("concat along axis " + axis + ": shape " + p.shape()
                        + " does not fit " + first.shape());
            }
            total += p.dim(ax);
        }
        Shape out = first.shape().with(ax, total);
        int outer = Indexing.outer(out, ax);
        int inner = Indexing.inner(out, ax);
        double[] v = new double[out.size()];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor p : parts) {
                int block = p.dim(ax) * inner;
                System.arraycopy(data(p), o * block, v, at, block);
                at += block;
            }
        }
        return RefTensor.own(first.dtype(), out, v);
    }

    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        if (from < 0 || to < from || to > s.dim(ax)) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of range for axis " + axis
                    + " of " + s);
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return gather(a, axis, indices);
    }

    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = Indexing.outer(s, ax);
        int len = s.dim(ax);
        int inner = Indexing.inner(s, ax);
        double[] x = data(a);
        double[] v = new double[outer * indices.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < indices.length; q++) {
                int i = indices[q];
                if (i < 0 || i >= len) {
                    throw new IllegalArgumentException("gather: index " + i + " at position " + q
                            + " out of range [0, " + len + ") of axis " + axis + " in " + s);
                }
                System.arraycopy(x, (o * len + i) * inner, v, (o * indices.length + q) * inner, inner);
            }
        }
        return RefTensor.own(a.dtype(), s.with(ax, indices.length), v);
    }

    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        if (s.dim(ax) != indices.length) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices for extent " + s.dim(ax)
                    + " of axis " + axis + " in " + s);
        }
        int outer = Indexing.outer(s, ax);
        int inner = Indexing.inner(s, ax);
        double[] x = data(a);
        double[] v = new double[outer * size * inner];
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < indices.length; q++) {
                int j = indices[q];
                if (j < 0 || j >= size) {
                    throw new IllegalArgumentException("scatterAdd: index " + j + " at position " + q
                            + " out of range [0, " + size + ")");
                }
                for (int in = 0; in < inner; in++) {
                    v[(o * size + j) * inner + in] += x[(o * indices.length + q) * inner + in];
                }
            }
        }
        return RefTensor.own(a.dtype(), s.with(ax, size), v);
    }

    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        if (shape.size() != a.shape().size()) {
            throw new IllegalArgumentException("reshape: " + a.shape() + " has " + a.shape().size()
                    + " elements, " + shape + " has " + shape.size());
        }
        return RefTensor.own(a.dtype(), shape, data(a).clone());
    }

    @Override
    public Tensor transpose(Tensor a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a rank-2 tensor, got " + a.shape());
        }
        int rows = a.dim(0);
        int cols = a.dim(1);
        double[] x = data(a);
        double[] v = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[j * rows + i] = x[i * cols + j];
            }
        }
        return RefTensor.own(a.dtype(), Shape.of(cols, rows), v);
    }

    // ---- helpers -------------------------------------------------------------------------

    private static double[] data(Tensor t) {
        return RefTensor.of(t).data();
    }

    private static DType sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operands of one dtype expected, got " + a.dtype() + " and "
                    + b.dtype());
        }
        return a.dtype();
    }

    private static Tensor unary(Tensor a, DoubleUnaryOperator f) {
        double[] x = data(a);
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(x[i]);
        }
        return RefTensor.own(a.dtype(), a.shape(), v);
    }

    private static Tensor binary(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        DType dtype = sameDtype(op, a, b);
        Shape out = Shape.broadcast(a.shape(), b.shape());
        int[] ia = Indexing.broadcastIndex(out, a.shape());
        int[] ib = Indexing.broadcastIndex(out, b.shape());
        double[] x = data(a);
        double[] y = data(b);
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(x[ia[i]], y[ib[i]]);
        }
        return RefTensor.own(dtype, out, v);
    }

    /** Sum or mean along an axis, which is removed. */
    private static Tensor reduce(Tensor a, int axis, boolean mean) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = Indexing.outer(s, ax);
        int len = s.dim(ax);
        int inner = Indexing.inner(s, ax);
        double[] x = data(a);
        double[] v = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double sum = 0;
                for (int l = 0; l < len; l++) {
                    sum += x[(o * len + l) * inner + in];
                }
                v[o * inner + in] = mean ? sum / len : sum;
            }
        }
        return RefTensor.own(a.dtype(), s.without(ax), v);
    }

    /** Softmax (or its logarithm) along an axis, shifted by the largest element for range. */
    private static Tensor alongAxis(Tensor a, int axis, boolean log) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = Indexing.outer(s, ax);
        int len = s.dim(ax);
        int inner = Indexing.inner(s, ax);
        double[] x = data(a);
        double[] v = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < len; l++) {
                    max = Math.max(max, x[(o * len + l) * inner + in]);
                }
                double total = 0;
                for (int l = 0; l < len; l++) {
                    total += Math.exp(x[(o * len + l) * inner + in] - max);
                }
                for (int l = 0; l < len; l++) {
                    int at = (o * len + l) * inner + in;
                    v[at] = log ? x[at] - max - Math.log(total) : Math.exp(x[at] - max) / total;
                }
            }
        }
        return RefTensor.own(a.dtype(), s, v);
    }
}
