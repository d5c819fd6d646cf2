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
 * <p>The fused ops at the end ({@link #lstmStep}, {@link #lstmStepWithGates},
 * {@link #lstmStepBackward}, {@link #gruStep}, {@link #gruStepWithGates}, {@link #gruStepBackward},
 * {@link #elmanStep}, {@link #elmanStepBackward}, {@link #inputProjection}, and the same
 * recurrences over all steps of a sequence at once: {@link #lstmSteps}, {@link #lstmStepsWithGates},
 * {@link #lstmStepsBackward}, {@link #gruSteps}, {@link #gruStepsWithGates},
 * {@link #gruStepsBackward}, {@link #elmanSteps}, {@link #elmanStepsBackward}) have default
 * implementations decomposed into the plain ops (the sequence ops into the single-step ones); a
 * backend overrides them with faster kernels that must agree with the decomposition within the
 * dtype's tolerance. Sequence ops take and give tensors stacked over time: step {@code t} of a
 * batch of {@code B} is rows {@code t * B} to {@code (t + 1) * B - 1}.
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

    // ---- fused ops, with decomposed defaults ---------------------------------------------

    /**
     * Projection of a whole sequence's inputs in one matrix product: {@code xs [n,in] @ w [in,g] + b
     * [g]}, where {@code n} is time times batch.
     */
    default Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        return add(matmul(xs, w), b);
    }

    /**
     * One LSTM step with forget gate (Gers, Schmidhuber and Cummins 2000), gate blocks ordered
     * input, forget, cell candidate, output:
     * <pre>
     *   z  = xProj + h @ wh            (xProj = x W + b, shape [B, 4H]; wh [H, 4H])
     *   i  = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
     *   c' = f * c + i * g
     *   h' = o * tanh(c')
     * </pre>
     *
     * @return {@code [h', c']}
     */
    default List<Tensor> lstmStep(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
        int hidden = h.dim(-1);
        Tensor z = add(xProj, matmul(h, wh));
        Tensor i = sigmoid(slice(z, -1, 0, hidden));
        Tensor f = sigmoid(slice(z, -1, hidden, 2 * hidden));
        Tensor g = tanh(slice(z, -1, 2 * hidden, 3 * hidden));
        Tensor o = sigmoid(slice(z, -1, 3 * hidden, 4 * hidden));
        Tensor cNext = add(mul(f, c), mul(i, g));
        Tensor hNext = mul(o, tanh(cNext));
        return List.of(hNext, cNext);
    }

    /**
     * {@link #lstmStep} for training: {@code [h', c', gates]}, where {@code gates = [i | f | g | o]}
     * ({@code [B, 4H]}) are the activations that {@link #lstmStepBackward} needs, so a recording
     * layer keeps one tensor per step instead of every intermediate. {@code h'} and {@code c'} equal
     * those of {@link #lstmStep}.
     */
    default List<Tensor> lstmStepWithGates(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
        int hidden = h.dim(-1);
        Tensor z = add(xProj, matmul(h, wh));
        Tensor i = sigmoid(slice(z, -1, 0, hidden));
        Tensor f = sigmoid(slice(z, -1, hidden, 2 * hidden));
        Tensor g = tanh(slice(z, -1, 2 * hidden, 3 * hidden));
        Tensor o = sigmoid(slice(z, -1, 3 * hidden, 4 * hidden));
        Tensor cNext = add(mul(f, c), mul(i, g));
        Tensor hNext = mul(o, tanh(cNext));
        return List.of(hNext, cNext, concat(-1, List.of(i, f, g, o)));
    }

    /**
     * The adjoint of one LSTM step, given the step's {@code gates} and cells {@code c}, {@code c'}
     * and the adjoints {@code dh}, {@code dc'} of its outputs (all {@code [B, .]}):
     * <pre>
     *   t   = tanh(c');   dc  = dc' + dh o (1 - t^2)
     *   dz  = [dc g i(1-i) | dc c f(1-f) | dc i (1-g^2) | dh t o(1-o)]
     * </pre>
     * returns {@code [dz, dc f]}: the adjoint of the pre-activations {@code z = xProj + h wh}
     * ({@code [B, 4H]}; then {@code dxProj = dz}, {@code dh_prev = dz wh^T}, {@code dwh = h^T dz})
     * and of the previous cell {@code c}.
     */
    default List<Tensor> lstmStepBackward(Tensor gates, Tensor c, Tensor cNext, Tensor dh, Tensor dcNext) {
        int hidden = c.dim(-1);
        Tensor i = slice(gates, -1, 0, hidden);
        Tensor f = slice(gates, -1, hidden, 2 * hidden);
        Tensor g = slice(gates, -1, 2 * hidden, 3 * hidden);
        Tensor o = slice(gates, -1, 3 * hidden, 4 * hidden);
        Tensor t = tanh(cNext);
        Tensor dc = add(dcNext, mul(mul(dh, o), addScalar(scale(mul(t, t), -1.0), 1.0)));
        Tensor dzi = mul(mul(dc, g), mul(i, addScalar(scale(i, -1.0), 1.0)));
        Tensor dzf = mul(mul(dc, c), mul(f, addScalar(scale(f, -1.0), 1.0)));
        Tensor dzg = mul(mul(dc, i), addScalar(scale(mul(g, g), -1.0), 1.0));
        Tensor dzo = mul(mul(dh, t), mul(o, addScalar(scale(o, -1.0), 1.0)));
        return List.of(concat(-1, List.of(dzi, dzf, dzg, dzo)), mul(dc, f));
    }

    /**
     * One GRU step (Cho et al. 2014, eqs. 5-8), gate blocks ordered reset, update, candidate:
     * <pre>
     *   r  = sigmoid(xProj_r + h @ whr)            (xProj = x W + b, shape [B, 3H])
     *   u  = sigmoid(xProj_u + h @ whu)            (whRu = [whr | whu], shape [H, 2H])
     *   n  = tanh(xProj_n + (r * h) @ whn)         (whN shape [H, H])
     *   h' = u * h + (1 - u) * n
     * </pre>
     */
    default Tensor gruStep(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
        int hidden = h.dim(-1);
        Tensor ru = add(slice(xProj, -1, 0, 2 * hidden), matmul(h, whRu));
        Tensor r = sigmoid(slice(ru, -1, 0, hidden));
        Tensor u = sigmoid(slice(ru, -1, hidden, 2 * hidden));
        Tensor n = tanh(add(slice(xProj, -1, 2 * hidden, 3 * hidden), matmul(mul(r, h), whN)));
        return add(mul(u, h), mul(addScalar(scale(u, -1.0), 1.0), n));
    }

    /**
     * {@link #gruStep} for training: {@code [h', gates]}, where {@code gates = [r | u | n | r h]}
     * ({@code [B, 4H]}) are what {@link #gruStepBackward} needs. {@code h'} equals that of
     * {@link #gruStep}.
     */
    default List<Tensor> gruStepWithGates(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
        int hidden = h.dim(-1);
        Tensor ru = add(slice(xProj, -1, 0, 2 * hidden), matmul(h, whRu));
        Tensor r = sigmoid(slice(ru, -1, 0, hidden));
        Tensor u = sigmoid(slice(ru, -1, hidden, 2 * hidden));
        Tensor rh = mul(r, h);
        Tensor n = tanh(add(slice(xProj, -1, 2 * hidden, 3 * hidden), matmul(rh, whN)));
        Tensor hNext = add(mul(u, h), mul(addScalar(scale(u, -1.0), 1.0), n));
        return List.of(hNext, concat(-1, List.of(r, u, n, rh)));
    }

    /**
     * The adjoint of one GRU step, given its {@code gates}, its input state {@code h}, {@code whN}
     * and the adjoint {@code dh} of {@code h'}:
     * <pre>
     *   dz_n = dh (1-u) (1-n^2);   d(rh) = dz_n whN^T
     *   dz_r = d(rh) h r(1-r);     dz_u = dh (h - n) u(1-u)
     * </pre>
     * returns {@code [dz, dhPart]}: {@code dz = [dz_r | dz_u | dz_n]} ({@code [B, 3H]}, the adjoint
     * of {@code xProj}; then {@code dwhRu = h^T [dz_r | dz_u]}, {@code dwhN = (r h)^T dz_n}) and
     * {@code dhPart = dh u + d(rh) r}, to which {@code [dz_r | dz_u] whRu^T} adds to give the
     * adjoint of {@code h}.
     */
    default List<Tensor> gruStepBackward(Tensor gates, Tensor h, Tensor whN, Tensor dh) {
        int hidden = h.dim(-1);
        Tensor r = slice(gates, -1, 0, hidden);
        Tensor u = slice(gates, -1, hidden, 2 * hidden);
        Tensor n = slice(gates, -1, 2 * hidden, 3 * hidden);
        Tensor dzn = mul(mul(dh, addScalar(scale(u, -1.0), 1.0)), addScalar(scale(mul(n, n), -1.0), 1.0));
        Tensor drh = matmul(dzn, whN, false, true);
        Tensor dzr = mul(mul(drh, h), mul(r, addScalar(scale(r, -1.0), 1.0)));
        Tensor dzu = mul(mul(dh, sub(h, n)), mul(u, addScalar(scale(u, -1.0), 1.0)));
        Tensor dhPart = add(mul(dh, u), mul(drh, r));
        return List.of(concat(-1, List.of(dzr, dzu, dzn)), dhPart);
    }

    /**
     * One step of an Elman layer with tanh units (Elman 1990):
     * <pre>
     *   h' = tanh(xProj + h @ wh)       (xProj = x W + b, shape [B, H]; wh [H, H])
     * </pre>
     */
    default Tensor elmanStep(Tensor xProj, Tensor h, Tensor wh) {
        return tanh(add(xProj, matmul(h, wh)));
    }

    /**
     * The adjoint of the pre-activation {@code z = xProj + h wh} of one {@link #elmanStep}, from the
     * step's output {@code h'} and its adjoint {@code dh} (both {@code [B, H]}):
     * {@code dz = dh (1 - h'^2)}; then {@code dxProj = dz}, {@code dh_prev = dz wh^T},
     * {@code dwh = h^T dz}.
     */
    default Tensor elmanStepBackward(Tensor hNext, Tensor dh) {
        return mul(dh, addScalar(scale(mul(hNext, hNext), -1.0), 1.0));
    }

    // ---- the recurrences over a whole sequence ------------------------------------------------

    /** Rows {@code t * batch} to {@code (t + 1) * batch - 1} of a tensor stacked over time. */
    private Tensor stepOf(Tensor stacked, int t, int batch, int time) {
        return time == 1 ? stacked : slice(stacked, 0, t * batch, (t + 1) * batch);
    }

    /** The tensors of all steps stacked over time. */
    private Tensor stacked(List<Tensor> steps) {
        return steps.size() == 1 ? steps.get(0) : concat(0, steps);
    }

    /**
     * {@link #lstmStep} over {@code T} steps: {@code xProjs [T*B, 4H]}, the state {@code h},
     * {@code c} ({@code [B, H]}) before the first step and {@code wh}; returns {@code [hs, cs]},
     * the states after each step stacked ({@code [T*B, H]} each).
     */
    default List<Tensor> lstmSteps(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
        List<Tensor> all = lstmStepsWithGates(xProjs, h, c, wh);
        return List.of(all.get(0), all.get(1));
    }

    /** {@link #lstmSteps} for training: {@code [hs, cs, gates]}, the gates of each step stacked ({@code [T*B, 4H]}). */
    default List<Tensor> lstmStepsWithGates(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new java.util.ArrayList<>(time);
        List<Tensor> cs = new java.util.ArrayList<>(time);
        List<Tensor> gates = new java.util.ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            List<Tensor> step = lstmStepWithGates(stepOf(xProjs, t, batch, time), h, c, wh);
            h = step.get(0);
            c = step.get(1);
            hs.add(h);
            cs.add(c);
            gates.add(step.get(2));
        }
        return List.of(stacked(hs), stacked(cs), stacked(gates));
    }

    /**
     * The adjoint of {@link #lstmSteps}, from the gates of each step, the cell {@code c} before the
     * first step, the cells {@code cs} after each, {@code wh}, and the adjoints {@code dhs},
     * {@code dcs} ({@code [T*B, H]}) that each step's {@code h} and {@code c} receive from outside
     * the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + dz_{t+1} wh^T,   dc_t = dcs_t + dcPrev_{t+1}   (nothing added at T-1)
     *                      [dz_t, dcPrev_t] = lstmStepBackward(gates_t, c_{t-1}, c_t, dh_t, dc_t)
     * </pre>
     * returns {@code [dz, dz_0 wh^T, dcPrev_0]}: the adjoints of {@code xProjs} ({@code [T*B, 4H]}),
     * {@code h} and {@code c}; that of {@code wh} is {@code [h; hs_0; ..; hs_{T-2}]^T dz}.
     */
    default List<Tensor> lstmStepsBackward(Tensor gates, Tensor c, Tensor cs, Tensor wh, Tensor dhs, Tensor dcs) {
        int batch = c.dim(0);
        int time = cs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        Tensor dzNext = null;
        Tensor dcNext = null;
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(dhs, t, batch, time);
            Tensor dc = stepOf(dcs, t, batch, time);
            if (dzNext != null) {
                dh = add(dh, matmul(dzNext, wh, false, true));
                dc = add(dc, dcNext);
            }
            List<Tensor> back = lstmStepBackward(stepOf(gates, t, batch, time), t == 0 ? c : stepOf(cs, t - 1, batch, time),
                    stepOf(cs, t, batch, time), dh, dc);
            dz[t] = back.get(0);
            dzNext = dz[t];
            dcNext = back.get(1);
        }
        return List.of(stacked(List.of(dz)), matmul(dz[0], wh, false, true), dcNext);
    }

    /**
     * {@link #gruStep} over {@code T} steps: {@code xProjs [T*B, 3H]}, the state {@code h} before
     * the first step, {@code whRu}, {@code whN}; returns the states after each step stacked
     * ({@code [T*B, H]}).
     */
    default Tensor gruSteps(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
        return gruStepsWithGates(xProjs, h, whRu, whN).get(0);
    }

    /** {@link #gruSteps} for training: {@code [hs, gates]}, the gates of each step stacked ({@code [T*B, 4H]}). */
    default List<Tensor> gruStepsWithGates(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new java.util.ArrayList<>(time);
        List<Tensor> gates = new java.util.ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            List<Tensor> step = gruStepWithGates(stepOf(xProjs, t, batch, time), h, whRu, whN);
            h = step.get(0);
            hs.add(h);
            gates.add(step.get(1));
        }
        return List.of(stacked(hs), stacked(gates));
    }

    /**
     * The adjoint of {@link #gruSteps}, from the gates of each step, the state {@code h} before the
     * first step, the states {@code hs} after each, the weights, and the adjoints {@code dhs}
     * ({@code [T*B, H]}) that each step's {@code h} receives from outside the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + carry_{t+1}   (nothing added at T-1)
     *                      [dz_t, part_t] = gruStepBackward(gates_t, h_{t-1}, whN, dh_t)
     *                      carry_t = part_t + dz_t[:, :2H] whRu^T
     * </pre>
     * returns {@code [dz, carry_0]}: the adjoints of {@code xProjs} ({@code [T*B, 3H]}) and of
     * {@code h}; those of the weights are {@code [h; hs_0..hs_{T-2}]^T dz[:, :2H]} and
     * {@code (r h)^T dz[:, 2H:]}, {@code r h} being the last block of the gates.
     */
    default List<Tensor> gruStepsBackward(Tensor gates, Tensor h, Tensor hs, Tensor whRu, Tensor whN, Tensor dhs) {
        int batch = h.dim(0);
        int hidden = h.dim(1);
        int time = hs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        Tensor carry = null;
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(dhs, t, batch, time);
            if (carry != null) {
                dh = add(dh, carry);
            }
            List<Tensor> back = gruStepBackward(stepOf(gates, t, batch, time), t == 0 ? h : stepOf(hs, t - 1, batch, time),
                    whN, dh);
            dz[t] = back.get(0);
            carry = add(back.get(1), matmul(slice(dz[t], -1, 0, 2 * hidden), whRu, false, true));
        }
        return List.of(stacked(List.of(dz)), carry);
    }

    /**
     * {@link #elmanStep} over {@code T} steps: {@code xProjs [T*B, H]}, the state {@code h} before
     * the first step and {@code wh}; returns the states after each step stacked ({@code [T*B, H]}).
     */
    default Tensor elmanSteps(Tensor xProjs, Tensor h, Tensor wh) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new java.util.ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            h = elmanStep(stepOf(xProjs, t, batch, time), h, wh);
            hs.add(h);
        }
        return stacked(hs);
    }

    /**
     * The adjoint of {@link #elmanSteps}, from the state {@code h} before the first step, the states
     * {@code hs} after each, {@code wh} and the adjoints {@code dhs} ({@code [T*B, H]}) that each
     * step's {@code h} receives from outside the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + dz_{t+1} wh^T   (nothing added at T-1);   dz_t = elmanStepBackward(h_t, dh_t)
     * </pre>
     * returns {@code [dz, dz_0 wh^T]}: the adjoints of {@code xProjs} and of {@code h}; that of
     * {@code wh} is {@code [h; hs_0..hs_{T-2}]^T dz}.
     */
    default List<Tensor> elmanStepsBackward(Tensor h, Tensor hs, Tensor wh, Tensor dhs) {
        int batch = h.dim(0);
        int time = hs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(dhs, t, batch, time);
            if (t < time - 1) {
                dh = add(dh, matmul(dz[t + 1], wh, false, true));
            }
            dz[t] = elmanStepBackward(stepOf(hs, t, batch, time), dh);
        }
        return List.of(stacked(List.of(dz)), matmul(dz[0], wh, false, true));
    }
}
