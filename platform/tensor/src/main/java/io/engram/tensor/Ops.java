package io.engram.tensor;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The op vocabulary. A family writes its cell once against this interface; the same code then runs
 * plainly on a backend, recorded on a tape for reverse mode (BPTT), or with stacked tangents for
 * forward mode (RTRL), because each of those is an implementation of {@code Ops}.
 *
 * <p>Conventions: tensors are row-major; binary elementwise ops broadcast under NumPy rules; both
 * operands of an op share one dtype; axes may be negative (counted from the end). Ops never modify
 * their inputs. Each call returns a fresh tensor; a backend may recycle memory between steps (see
 * its documentation) but never hands out a buffer that a live tensor still uses.
 *
 * <p>{@link #inputProjection}, the projection of a whole sequence's inputs, has a decomposed default
 * that a backend may fuse. The recurrent kernels (the LSTM, GRU and Elman steps and recurrences,
 * with their training forms) are a separate SPI, {@link RecurrentKernels}, obtained from the ops
 * through {@link #kernels()}.
 *
 * <p>Ops with defaults that a backend may override: {@link #sqrt}, {@link #abs}, {@link #sign},
 * {@link #greater}, {@link #greaterEqual}, {@link #cumsum} and {@link #solve} compute on the host
 * (they read their operands with {@code toDoubleArray} and upload the result with
 * {@code fromArray}), so a backend without kernels for them is correct but copies;
 * {@link #maximum}, {@link #minimum}, {@link #less}, {@link #lessEqual}, {@link #heaviside} and
 * {@link #batchedMatmul} decompose into other ops.
 */
@ConsumerType
public interface Ops {

    // ---- memory --------------------------------------------------------------------------

    /**
     * Opens a {@link Workspace} on the calling thread: tensors created until it closes may be
     * recycled then, except those kept. The default recycles nothing.
     */
    default Workspace workspace() {
        return Workspace.none();
    }

    // ---- creation ------------------------------------------------------------------------

    /** A tensor of zeros. */
    Tensor zeros(DType dtype, Shape shape);

    /** A tensor filled with {@code value}. */
    Tensor full(DType dtype, Shape shape, double value);

    /** A tensor holding {@code values} (row-major, length equal to the shape's size). */
    Tensor fromArray(DType dtype, Shape shape, double[] values);

    /** A tensor holding {@code values} (row-major, length equal to the shape's size). */
    Tensor fromArray(DType dtype, Shape shape, float[] values);

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * Matrix product of two rank-2 tensors, {@code op(a) @ op(b)} where {@code op} transposes when
     * the flag is set: {@code [m,k] @ [k,n] -> [m,n]}.
     */
    Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB);

    default Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    /**
     * Matrix products of the matrices of two batches, {@code op(a_i) @ op(b_i)}: {@code [B,m,k] @
     * [B,k,n] -> [B,m,n]}, {@code op} transposing each matrix when its flag is set; both operands are
     * rank 3 with one batch extent {@code B}. The default multiplies slice by slice with
     * {@link #matmul} and joins the results.
     */
    default Tensor batchedMatmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0)) {
            throw new IllegalArgumentException("batchedMatmul needs rank-3 operands of one batch extent, got "
                    + a.shape() + " and " + b.shape());
        }
        int batch = a.dim(0);
        int m = transposeA ? a.dim(2) : a.dim(1);
        int n = transposeB ? b.dim(1) : b.dim(2);
        if (batch == 0) {
            return zeros(a.dtype(), Shape.of(0, m, n));
        }
        List<Tensor> parts = new java.util.ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            Tensor ai = reshape(slice(a, 0, i, i + 1), Shape.of(a.dim(1), a.dim(2)));
            Tensor bi = reshape(slice(b, 0, i, i + 1), Shape.of(b.dim(1), b.dim(2)));
            parts.add(reshape(matmul(ai, bi, transposeA, transposeB), Shape.of(1, m, n)));
        }
        return parts.size() == 1 ? parts.get(0) : concat(0, parts);
    }

    default Tensor batchedMatmul(Tensor a, Tensor b) {
        return batchedMatmul(a, b, false, false);
    }

    /**
     * The solution {@code x} of {@code a x = b}: {@code a [n,n]}, {@code b [n,k]} -> {@code [n,k]}.
     * The default factors {@code a} on the host in f64 (LU with partial pivoting) and substitutes
     * each column of {@code b}; a backend may override it with a kernel.
     *
     * @throws IllegalArgumentException if the shapes do not fit or {@code a} is singular (a pivot is
     *     zero, or not finite)
     */
    default Tensor solve(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(0) != a.dim(1) || b.dim(0) != a.dim(0)) {
            throw new IllegalArgumentException("solve needs a square [n,n] matrix and a [n,k] right-hand side, got "
                    + a.shape() + " and " + b.shape());
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("solve: operands of one dtype expected, got " + a.dtype() + " and "
                    + b.dtype());
        }
        return fromArray(a.dtype(), b.shape(), LinearSolve.solve(a.toDoubleArray(), b.toDoubleArray(), a.dim(0),
                b.dim(1)));
    }

    // ---- elementwise ---------------------------------------------------------------------

    Tensor add(Tensor a, Tensor b);

    Tensor sub(Tensor a, Tensor b);

    Tensor mul(Tensor a, Tensor b);

    Tensor div(Tensor a, Tensor b);

    /** {@code alpha * a}. */
    Tensor scale(Tensor a, double alpha);

    /** {@code a + beta}. */
    Tensor addScalar(Tensor a, double beta);

    Tensor tanh(Tensor a);

    Tensor sigmoid(Tensor a);

    Tensor relu(Tensor a);

    Tensor exp(Tensor a);

    Tensor log(Tensor a);

    /**
     * Elementwise square root ({@code NaN} for negative elements). The default computes on the host
     * ({@code toDoubleArray}, then {@code fromArray}); a backend overrides it with a kernel.
     */
    default Tensor sqrt(Tensor a) {
        return onHost(a, Math::sqrt);
    }

    /** Elementwise {@code |a|}. The default computes on the host, as {@link #sqrt}'s does. */
    default Tensor abs(Tensor a) {
        return onHost(a, Math::abs);
    }

    /**
     * Elementwise sign: {@code -1}, {@code 0} or {@code 1} ({@code NaN} stays {@code NaN}). Its
     * derivative is zero. The default computes on the host, as {@link #sqrt}'s does.
     */
    default Tensor sign(Tensor a) {
        return onHost(a, Math::signum);
    }

    /**
     * Elementwise {@code max(a, b)}, broadcasting. Where {@code a == b} the value is {@code a}'s and
     * so is the gradient. The default is {@code where(greaterEqual(a, b), a, b)}.
     */
    default Tensor maximum(Tensor a, Tensor b) {
        return where(greaterEqual(a, b), a, b);
    }

    /**
     * Elementwise {@code min(a, b)}, broadcasting. Where {@code a == b} the value is {@code a}'s and
     * so is the gradient. The default is {@code where(greaterEqual(b, a), a, b)}.
     */
    default Tensor minimum(Tensor a, Tensor b) {
        return where(greaterEqual(b, a), a, b);
    }

    /**
     * {@code 1} where {@code a > b}, else {@code 0}, in the operands' dtype, broadcasting; no gradient
     * flows through a comparison. The default computes on the host, as {@link #sqrt}'s does.
     */
    default Tensor greater(Tensor a, Tensor b) {
        return onHost(a, b, (x, y) -> x > y ? 1.0 : 0.0);
    }

    /** {@code 1} where {@code a >= b}, else {@code 0}; as {@link #greater}. */
    default Tensor greaterEqual(Tensor a, Tensor b) {
        return onHost(a, b, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /** {@code 1} where {@code a < b}, else {@code 0}: {@code greater(b, a)}. */
    default Tensor less(Tensor a, Tensor b) {
        return greater(b, a);
    }

    /** {@code 1} where {@code a <= b}, else {@code 0}: {@code greaterEqual(b, a)}. */
    default Tensor lessEqual(Tensor a, Tensor b) {
        return greaterEqual(b, a);
    }

    /** The step {@code 1} where {@code a > 0}, else {@code 0}, with no gradient: {@code heaviside(a, 0)}. */
    default Tensor heaviside(Tensor a) {
        return heaviside(a, 0.0);
    }

    /**
     * The step {@code 1} where {@code a > 0}, else {@code 0}, whose gradient under automatic
     * differentiation is that of a surrogate, {@code sigmoid(k a)} with {@code k = surrogateSlope}:
     * {@code k s (1 - s)}, {@code s = sigmoid(k a)} (the fast-sigmoid family of surrogate gradients
     * for spiking networks, Neftci, Mostafa and Zenke, IEEE Signal Processing Magazine 36(6), 2019).
     * With {@code k = 0} no gradient flows. Plain backends compute the step only: the default is
     * {@code greater(a, 0)}.
     */
    default Tensor heaviside(Tensor a, double surrogateSlope) {
        return greater(a, zeros(a.dtype(), Shape.scalar()));
    }

    /** Applies {@code f} to every element on the host: the fallback of the defaults above. */
    private Tensor onHost(Tensor a, java.util.function.DoubleUnaryOperator f) {
        double[] v = a.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return fromArray(a.dtype(), a.shape(), v);
    }

    /** Applies {@code f} to the broadcast operands on the host: the fallback of the defaults above. */
    private Tensor onHost(Tensor a, Tensor b, java.util.function.DoubleBinaryOperator f) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("operands of one dtype expected, got " + a.dtype() + " and " + b.dtype());
        }
        Shape out = Shape.broadcast(a.shape(), b.shape());
        double[] x = (a.shape().equals(out) ? a : add(zeros(a.dtype(), out), a)).toDoubleArray();
        double[] y = (b.shape().equals(out) ? b : add(zeros(b.dtype(), out), b)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsDouble(x[i], y[i]);
        }
        return fromArray(a.dtype(), out, x);
    }

    /**
     * Elementwise selection: {@code mask != 0 ? a : b}; the three broadcast together. Gradients flow
     * to {@code a} where the mask is set and to {@code b} elsewhere; none flows to the mask.
     */
    Tensor where(Tensor mask, Tensor a, Tensor b);

    // ---- along an axis -------------------------------------------------------------------

    Tensor softmax(Tensor a, int axis);

    Tensor logSoftmax(Tensor a, int axis);

    /** Sum along {@code axis}, which is removed from the shape. */
    Tensor sum(Tensor a, int axis);

    /** Mean along {@code axis}, which is removed from the shape. */
    Tensor mean(Tensor a, int axis);

    /**
     * Running sums along {@code axis}: element {@code i} along it is the sum of elements {@code 0}
     * to {@code i}; the shape is kept. The default computes on the host, as {@link #sqrt}'s does.
     */
    default Tensor cumsum(Tensor a, int axis) {
        Shape shape = a.shape();
        int ax = shape.normalizeAxis(axis);
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape.dim(d);
        }
        int len = shape.dim(ax);
        int inner = shape.size() / Math.max(1, outer * len);
        double[] v = a.toDoubleArray();
        for (int o = 0; o < outer; o++) {
            for (int l = 1; l < len; l++) {
                int at = (o * len + l) * inner;
                for (int in = 0; in < inner; in++) {
                    v[at + in] += v[at - inner + in];
                }
            }
        }
        return fromArray(a.dtype(), shape, v);
    }

    /** Sum of all elements, as a scalar (rank-0) tensor. */
    Tensor sumAll(Tensor a);

    /** Joins tensors along {@code axis}; all other extents must agree. */
    Tensor concat(int axis, List<Tensor> parts);

    /** Elements {@code from} (inclusive) to {@code to} (exclusive) along {@code axis}. */
    Tensor slice(Tensor a, int axis, int from, int to);

    /** Picks the given indices along {@code axis}, in order (repeats allowed). */
    Tensor gather(Tensor a, int axis, int[] indices);

    /**
     * The adjoint of {@link #gather}: a tensor like {@code a} but with extent {@code size} along
     * {@code axis}, whose slice {@code j} is the sum of the slices {@code q} of {@code a} with
     * {@code indices[q] == j} (zeros where no index points). {@code a} has extent
     * {@code indices.length} along {@code axis}. The default builds a one-hot matrix and multiplies;
     * backends override it with a direct accumulation.
     */
    default Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        Shape shape = a.shape();
        int ax = shape.normalizeAxis(axis);
        if (shape.dim(ax) != indices.length) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices for extent "
                    + shape.dim(ax) + " of axis " + axis + " in " + shape);
        }
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape.dim(d);
        }
        int inner = 1;
        for (int d = ax + 1; d < shape.rank(); d++) {
            inner *= shape.dim(d);
        }
        double[] oneHot = new double[indices.length * size];
        for (int q = 0; q < indices.length; q++) {
            if (indices[q] < 0 || indices[q] >= size) {
                throw new IllegalArgumentException("scatterAdd: index " + indices[q] + " at position " + q
                        + " out of range [0, " + size + ")");
            }
            oneHot[q * size + indices[q]] = 1.0;
        }
        Tensor s = fromArray(a.dtype(), Shape.of(indices.length, size), oneHot);
        Shape outShape = shape.with(ax, size);
        if (outer == 0 || inner == 0 || size == 0 || indices.length == 0) {
            return zeros(a.dtype(), outShape);
        }
        java.util.List<Tensor> blocks = new java.util.ArrayList<>(outer);
        Tensor flat = reshape(a, Shape.of(outer * indices.length, inner));
        for (int o = 0; o < outer; o++) {
            Tensor block = slice(flat, 0, o * indices.length, (o + 1) * indices.length);
            blocks.add(matmul(s, block, true, false));
        }
        Tensor joined = blocks.size() == 1 ? blocks.get(0) : concat(0, blocks);
        return reshape(joined, outShape);
    }

    /** Same data, another shape of equal size. */
    Tensor reshape(Tensor a, Shape shape);

    /** Transpose of a rank-2 tensor. */
    Tensor transpose(Tensor a);

    // ---- fused, with decomposed defaults --------------------------------------------------

    /**
     * Projection of a whole sequence's inputs in one matrix product: {@code xs [n,in] @ w [in,g] + b
     * [g]}, where {@code n} is time times batch.
     */
    default Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        return add(matmul(xs, w), b);
    }

    /**
     * The recurrent kernels that compute with these ops: a backend returns its fused kernels; a
     * recording or tangent implementation returns kernels that record or carry tangents. The default
     * decomposes every kernel into these ops ({@link RecurrentKernels#decomposed}).
     */
    default RecurrentKernels kernels() {
        return RecurrentKernels.decomposed(this);
    }
}
