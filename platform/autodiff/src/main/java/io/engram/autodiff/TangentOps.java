package io.engram.autodiff;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Forward-mode automatic differentiation with stacked tangents. Each dual tensor carries, next to
 * its value {@code x} of shape {@code S}, a tangent of shape {@code [P, ...S]}: the directional
 * derivatives {@code dx/d theta_p} for {@code P} directions at once. Every op propagates the
 * tangent by its Jacobian-vector product, batched over the {@code P} directions with the base ops
 * (a matrix product becomes one larger product, e.g. the tangent {@code [P, m, k]} is reshaped to
 * {@code [P m, k]} against a constant right operand). Run over the time steps of a recurrent
 * network with one direction per parameter this is real-time recurrent learning (Williams and
 * Zipser, "A learning algorithm for continually running fully recurrent neural networks", Neural
 * Computation 1(2), 1989, section 2): the sensitivities
 * {@code p^k_ij(t+1) = f'_k(s_k(t)) [sum_l w_kl p^l_ij(t) + delta_ik z_j(t)]}, {@code p(t0) = 0},
 * are the tangents of the state, carried forward with it, and the weight change
 * {@code sum_k e_k(t) p^k_ij(t)} is the tangent of the loss.
 *
 * <p>Lifecycle: create over a backend's ops and a direction count; make inputs with {@link #seed}
 * (unit tangents, e.g. one direction per parameter element) or {@link #dual}; run the computation
 * through this object; read {@link #value} and {@link #tangent} of the outputs. Tensors not made
 * here are constants (zero tangent, which is never materialised until asked for). Ops whose inputs
 * are all constants run plainly on the base; recurrent kernels ({@link #kernels}) with a dual input are
 * computed through their decomposition so that their tangents are exact. Holds no state between ops, so it is
 * thread-safe when the base is.
 */
public final class TangentOps implements Ops {
    private final Ops base;
    private final int directions;
    private final RecurrentKernels kernels = new Kernels();

    /** A tensor with its stacked tangent {@code [P, ...shape]}. */
    private static final class Dual extends Wrapping.Wrapped {
        final TangentOps owner;
        final Tensor tangent;

        Dual(TangentOps owner, Tensor value, Tensor tangent) {
            super(value);
            this.owner = owner;
            this.tangent = tangent;
        }

        @Override
        public String toString() {
            return "Dual(" + value + ", tangent " + tangent.shape() + ")";
        }
    }

    public TangentOps(Ops base, int directions) {
        if (directions < 0) {
            throw new IllegalArgumentException("directions must be >= 0, got " + directions);
        }
        this.base = Objects.requireNonNull(base, "base");
        this.directions = directions;
    }

    /** The number {@code P} of directions carried by every tangent. */
    public int directions() {
        return directions;
    }

    /** The ops this object computes values and tangents with. */
    public Ops base() {
        return base;
    }

    /**
     * {@code value} as a dual whose element {@code i} (row-major) has the unit tangent in direction
     * {@code firstDirection + i} and zero in all others. The tangent is dense ({@code directions}
     * times the value's size); to pair a new value with the same seed (after a parameter update),
     * reuse it: {@code dual(newValue, tangent(oldSeed))}.
     */
    public Tensor seed(Tensor value, int firstDirection) {
        Tensor v = value(value);
        int n = v.shape().size();
        if (firstDirection < 0 || firstDirection + n > directions) {
            throw new IllegalArgumentException("seed: directions [" + firstDirection + ", " + (firstDirection + n)
                    + ") do not fit in " + directions);
        }
        double[] t = new double[directions * n];
        for (int i = 0; i < n; i++) {
            t[(firstDirection + i) * n + i] = 1.0;
        }
        return new Dual(this, v, base.fromArray(v.dtype(), stacked(v.shape()), t));
    }

    /** {@code value} with the given tangent, whose shape must be {@code [directions, ...value shape]}. */
    public Tensor dual(Tensor value, Tensor tangent) {
        Tensor v = value(value);
        Tensor t = value(tangent);
        if (!t.shape().equals(stacked(v.shape()))) {
            throw new IllegalArgumentException("dual: tangent shape " + t.shape() + ", expected "
                    + stacked(v.shape()));
        }
        if (t.dtype() != v.dtype()) {
            throw new IllegalArgumentException("dual: tangent dtype " + t.dtype() + " differs from " + v.dtype());
        }
        return new Dual(this, v, t);
    }

    /** The base tensor under {@code t}. */
    public Tensor value(Tensor t) {
        while (t instanceof Dual) {
            t = ((Dual) t).value;
        }
        return t;
    }

    /** The tangent of {@code t}, {@code [directions, ...shape]}; zeros for a constant. */
    public Tensor tangent(Tensor t) {
        Tensor d = tan(t);
        return d != null ? d : base.zeros(t.dtype(), stacked(t.shape()));
    }

    // ---- helpers -------------------------------------------------------------------------

    /** The tangent of a dual of this object, or null for a constant. */
    private Tensor tan(Tensor t) {
        return t instanceof Dual && ((Dual) t).owner == this ? ((Dual) t).tangent : null;
    }

    private Shape stacked(Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = directions;
        System.arraycopy(s.toArray(), 0, d, 1, s.rank());
        return Shape.of(d);
    }

    /** A tangent {@code [P, ...s]} reshaped to {@code [P, 1, ..., 1, ...s]} of {@code rank + 1} axes. */
    private Tensor lift(Tensor t, int rank) {
        int have = t.rank() - 1;
        if (have >= rank) {
            return t;
        }
        int[] d = new int[rank + 1];
        d[0] = directions;
        int[] s = t.shape().toArray();
        for (int i = 1; i <= rank; i++) {
            int src = i - (rank - have);
            d[i] = src >= 1 ? s[src] : 1;
        }
        return base.reshape(t, Shape.of(d));
    }

    /** A tangent stretched to exactly {@code [P, ...out]}. */
    private Tensor fit(Tensor t, Shape out) {
        Tensor lifted = lift(t, out.rank());
        Shape want = stacked(out);
        return lifted.shape().equals(want) ? lifted : base.add(base.zeros(t.dtype(), want), lifted);
    }

    private Tensor result(Tensor value, Tensor tangent) {
        return tangent == null ? value : new Dual(this, value, tangent);
    }

    /** {@code [a, b, c] -> [b, a, c]}, as one gather. */
    private Tensor swapLeading(Tensor t, int a, int b, int c) {
        int[] idx = new int[a * b];
        for (int bb = 0; bb < b; bb++) {
            for (int aa = 0; aa < a; aa++) {
                idx[bb * a + aa] = aa * b + bb;
            }
        }
        Tensor rows = base.gather(base.reshape(t, Shape.of(a * b, c)), 0, idx);
        return base.reshape(rows, Shape.of(b, a, c));
    }

    private static Tensor plus(Ops base, Tensor x, Tensor y) {
        return x == null ? y : y == null ? x : base.add(x, y);
    }

    private boolean anyDual(Tensor... ts) {
        for (Tensor t : ts) {
            if (tan(t) != null) {
                return true;
            }
        }
        return false;
    }

    // ---- memory --------------------------------------------------------------------------

    /** The base's workspace, with {@code keep} keeping both the value and the tangent of a dual. */
    @Override
    public Workspace workspace() {
        Workspace inner = base.workspace();
        return Wrapping.workspace(inner, t -> {
            inner.keep(value(t));
            Tensor tangent = tan(t);
            if (tangent != null) {
                inner.keep(tangent);
            }
        });
    }

    // ---- creation: constants ---------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return base.zeros(dtype, shape);
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        return base.full(dtype, shape, value);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        return base.fromArray(dtype, shape, values);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        return base.fromArray(dtype, shape, values);
    }

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * {@code dC = op(dA) op(B) + op(A) op(dB)}, each term one product over all directions: the
     * tangent's direction axis is folded into the rows (moved there by one gather when needed).
     */
    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        Tensor av = value(a);
        Tensor bv = value(b);
        Tensor y = base.matmul(av, bv, transposeA, transposeB);
        Tensor ta = tan(a);
        Tensor tb = tan(b);
        if (ta == null && tb == null) {
            return y;
        }
        int p = directions;
        int m = y.dim(0);
        int n = y.dim(1);
        int k = transposeA ? av.dim(0) : av.dim(1);
        Tensor out = null;
        if (ta != null) {
            Tensor rows = transposeA
                    ? base.reshape(swapLeading(ta, p, k, m), Shape.of(k, p * m))
                    : base.reshape(ta, Shape.of(p * m, k));
            out = base.reshape(base.matmul(rows, bv, transposeA, transposeB), Shape.of(p, m, n));
        }
        if (tb != null) {
            Tensor cols = transposeB
                    ? base.reshape(tb, Shape.of(p * n, k))
                    : base.reshape(swapLeading(tb, p, k, n), Shape.of(k, p * n));
            Tensor prod = base.matmul(av, cols, transposeA, transposeB);
            out = plus(base, out, swapLeading(prod, m, p, n));
        }
        return result(y, out);
    }

    /**
     * {@code dX = A^-1 (dB - dA X)}, solved for all {@code P} directions at once as one right-hand
     * side {@code [n, P k]}.
     */
    @Override
    public Tensor solve(Tensor a, Tensor b) {
        Tensor av = value(a);
        Tensor y = base.solve(av, value(b));
        Tensor ta = tan(a);
        Tensor tb = tan(b);
        if (ta == null && tb == null) {
            return y;
        }
        int n = y.dim(0);
        int k = y.dim(1);
        Tensor rhs = tb;
        if (ta != null) {
            Tensor dax = base.reshape(base.matmul(base.reshape(ta, Shape.of(directions * n, n)), y),
                    Shape.of(directions, n, k));
            rhs = rhs == null ? base.scale(dax, -1.0) : base.sub(rhs, dax);
        }
        if (directions == 0 || n == 0 || k == 0) {
            return result(y, base.zeros(y.dtype(), stacked(y.shape())));
        }
        Tensor columns = base.reshape(swapLeading(rhs, directions, n, k), Shape.of(n, directions * k));
        Tensor solved = base.reshape(base.solve(av, columns), Shape.of(n, directions, k));
        return result(y, swapLeading(solved, n, directions, k));
    }

    // ---- elementwise ---------------------------------------------------------------------

    /** {@code dy = da + db}. */
    @Override
    public Tensor add(Tensor a, Tensor b) {
        Tensor y = base.add(value(a), value(b));
        return result(y, sumOf(tan(a), tan(b), false, y.shape()));
    }

    /** {@code dy = da - db}. */
    @Override
    public Tensor sub(Tensor a, Tensor b) {
        Tensor y = base.sub(value(a), value(b));
        return result(y, sumOf(tan(a), tan(b), true, y.shape()));
    }

    private Tensor sumOf(Tensor ta, Tensor tb, boolean negateB, Shape out) {
        if (ta == null && tb == null) {
            return null;
        }
        int r = out.rank();
        if (tb == null) {
            return fit(ta, out);
        }
        if (ta == null) {
            return fit(negateB ? base.scale(tb, -1.0) : tb, out);
        }
        Tensor la = lift(ta, r);
        Tensor lb = lift(tb, r);
        return fit(negateB ? base.sub(la, lb) : base.add(la, lb), out);
    }

    /** {@code dy = da b + a db}. */
    @Override
    public Tensor mul(Tensor a, Tensor b) {
        Tensor av = value(a);
        Tensor bv = value(b);
        Tensor y = base.mul(av, bv);
        Tensor ta = tan(a);
        Tensor tb = tan(b);
        if (ta == null && tb == null) {
            return y;
        }
        int r = y.rank();
        Tensor ga = ta == null ? null : base.mul(lift(ta, r), bv);
        Tensor gb = tb == null ? null : base.mul(lift(tb, r), av);
        return result(y, fit(plus(base, ga, gb), y.shape()));
    }

    /** {@code dy = (da - y db) / b}. */
    @Override
    public Tensor div(Tensor a, Tensor b) {
        Tensor bv = value(b);
        Tensor y = base.div(value(a), bv);
        Tensor ta = tan(a);
        Tensor tb = tan(b);
        if (ta == null && tb == null) {
            return y;
        }
        int r = y.rank();
        Tensor num = ta == null ? null : lift(ta, r);
        if (tb != null) {
            Tensor t = base.mul(lift(tb, r), y);
            num = num == null ? base.scale(t, -1.0) : base.sub(num, t);
        }
        return result(y, fit(base.div(num, bv), y.shape()));
    }

    /** {@code dy = alpha da}. */
    @Override
    public Tensor scale(Tensor a, double alpha) {
        Tensor ta = tan(a);
        return result(base.scale(value(a), alpha), ta == null ? null : base.scale(ta, alpha));
    }

    /** {@code dy = da}. */
    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return result(base.addScalar(value(a), beta), tan(a));
    }

    /** {@code dy = da (1 - y^2)}. */
    @Override
    public Tensor tanh(Tensor a) {
        Tensor y = base.tanh(value(a));
        Tensor ta = tan(a);
        return ta == null ? y
                : result(y, base.mul(ta, base.addScalar(base.scale(base.mul(y, y), -1.0), 1.0)));
    }

    /** {@code dy = da y (1 - y)}. */
    @Override
    public Tensor sigmoid(Tensor a) {
        Tensor y = base.sigmoid(value(a));
        Tensor ta = tan(a);
        return ta == null ? y
                : result(y, base.mul(ta, base.mul(y, base.addScalar(base.scale(y, -1.0), 1.0))));
    }

    /** {@code dy = da} where {@code a > 0}, else 0. */
    @Override
    public Tensor relu(Tensor a) {
        Tensor y = base.relu(value(a));
        Tensor ta = tan(a);
        return ta == null ? y : result(y, base.where(y, ta, base.zeros(y.dtype(), Shape.scalar())));
    }

    /** {@code dy = da y}. */
    @Override
    public Tensor exp(Tensor a) {
        Tensor y = base.exp(value(a));
        Tensor ta = tan(a);
        return ta == null ? y : result(y, base.mul(ta, y));
    }

    /** {@code dy = da / a}. */
    @Override
    public Tensor log(Tensor a) {
        Tensor av = value(a);
        Tensor y = base.log(av);
        Tensor ta = tan(a);
        return ta == null ? y : result(y, base.div(ta, av));
    }

    /** {@code dy = da / (2 y)}. */
    @Override
    public Tensor sqrt(Tensor a) {
        Tensor y = base.sqrt(value(a));
        Tensor ta = tan(a);
        return ta == null ? y : result(y, base.div(ta, base.scale(y, 2.0)));
    }

    /** {@code dy = da sign(a)}. */
    @Override
    public Tensor abs(Tensor a) {
        Tensor av = value(a);
        Tensor ta = tan(a);
        Tensor y = base.abs(av);
        return ta == null ? y : result(y, base.mul(ta, base.sign(av)));
    }

    /** {@code dy = 0}: the result is a constant. */
    @Override
    public Tensor sign(Tensor a) {
        return base.sign(value(a));
    }

    /** {@code dy = 0}: the result is a constant. */
    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return base.greater(value(a), value(b));
    }

    /** {@code dy = 0}: the result is a constant. */
    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return base.greaterEqual(value(a), value(b));
    }

    /** {@code dy = da k s (1 - s)}, {@code s = sigmoid(k a)}: the surrogate's; a constant when {@code k = 0}. */
    @Override
    public Tensor heaviside(Tensor a, double surrogateSlope) {
        Tensor av = value(a);
        Tensor ta = tan(a);
        Tensor y = base.heaviside(av, surrogateSlope);
        if (ta == null || surrogateSlope == 0.0) {
            return y;
        }
        Tensor s = base.sigmoid(base.scale(av, surrogateSlope));
        Tensor slope = base.scale(base.mul(s, base.addScalar(base.scale(s, -1.0), 1.0)), surrogateSlope);
        return result(y, base.mul(ta, slope));
    }

    /** {@code dy = mask ? da : db}. */
    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        Tensor mv = value(mask);
        Tensor y = base.where(mv, value(a), value(b));
        Tensor ta = tan(a);
        Tensor tb = tan(b);
        if (ta == null && tb == null) {
            return y;
        }
        int r = y.rank();
        Tensor zero = base.zeros(y.dtype(), Shape.scalar());
        Tensor t = base.where(mv, ta == null ? zero : lift(ta, r), tb == null ? zero : lift(tb, r));
        return result(y, fit(t, y.shape()));
    }

    // ---- along an axis -------------------------------------------------------------------

    /** {@code dy = y (da - sum(y da))}, the sum along the axis. */
    @Override
    public Tensor softmax(Tensor a, int axis) {
        Tensor y = base.softmax(value(a), axis);
        Tensor ta = tan(a);
        if (ta == null) {
            return y;
        }
        int ax = y.shape().normalizeAxis(axis) + 1;
        Tensor dot = base.reshape(base.sum(base.mul(ta, y), ax), ta.shape().with(ax, 1));
        return result(y, base.mul(y, base.sub(ta, dot)));
    }

    /** {@code dy = da - sum(softmax(a) da)}, the sum along the axis. */
    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        Tensor y = base.logSoftmax(value(a), axis);
        Tensor ta = tan(a);
        if (ta == null) {
            return y;
        }
        int ax = y.shape().normalizeAxis(axis) + 1;
        Tensor dot = base.reshape(base.sum(base.mul(ta, base.exp(y)), ax), ta.shape().with(ax, 1));
        return result(y, base.sub(ta, dot));
    }

    /** {@code dy = sum da} along the axis. */
    @Override
    public Tensor sum(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.sum(av, ax), ta == null ? null : base.sum(ta, ax + 1));
    }

    /** {@code dy = mean da} along the axis. */
    @Override
    public Tensor mean(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.mean(av, ax), ta == null ? null : base.mean(ta, ax + 1));
    }

    /** {@code dy = cumsum da} along the axis. */
    @Override
    public Tensor cumsum(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.cumsum(av, ax), ta == null ? null : base.cumsum(ta, ax + 1));
    }

    /** {@code dy = sum da} over all axes but the direction axis. */
    @Override
    public Tensor sumAll(Tensor a) {
        Tensor av = value(a);
        Tensor ta = tan(a);
        Tensor y = base.sumAll(av);
        return result(y, ta == null ? null
                : base.sum(base.reshape(ta, Shape.of(directions, av.shape().size())), 1));
    }

    /** {@code dy = [da_0 | da_1 | ...]}. */
    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        List<Tensor> values = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            values.add(value(p));
        }
        Tensor y = base.concat(axis, values);
        if (!anyDual(parts.toArray(new Tensor[0]))) {
            return y;
        }
        int ax = y.shape().normalizeAxis(axis);
        List<Tensor> tangents = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            tangents.add(tangent(p));
        }
        return result(y, base.concat(ax + 1, tangents));
    }

    /** {@code dy = da[from:to]} along the axis. */
    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.slice(av, ax, from, to), ta == null ? null : base.slice(ta, ax + 1, from, to));
    }

    /** {@code dy = da[indices]} along the axis. */
    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.gather(av, ax, indices), ta == null ? null : base.gather(ta, ax + 1, indices));
    }

    /** {@code dy = scatterAdd(da)} along the axis. */
    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor ta = tan(a);
        return result(base.scatterAdd(av, ax, indices, size),
                ta == null ? null : base.scatterAdd(ta, ax + 1, indices, size));
    }

    /** {@code dy = reshape da}. */
    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        Tensor ta = tan(a);
        return result(base.reshape(value(a), shape), ta == null ? null : base.reshape(ta, stacked(shape)));
    }

    /** {@code dy = da^T} for each direction, as one gather. */
    @Override
    public Tensor transpose(Tensor a) {
        Tensor av = value(a);
        Tensor y = base.transpose(av);
        Tensor ta = tan(a);
        if (ta == null) {
            return y;
        }
        int rows = av.dim(0);
        int cols = av.dim(1);
        int[] perm = new int[rows * cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                perm[j * rows + i] = i * cols + j;
            }
        }
        Tensor flat = base.gather(base.reshape(ta, Shape.of(directions, rows * cols)), 1, perm);
        return result(y, base.reshape(flat, Shape.of(directions, cols, rows)));
    }

    // ---- fused: the backend's kernel for constants, the decomposition for duals ----------------

    @Override
    public Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        return anyDual(xs, w, b) ? Ops.super.inputProjection(xs, w, b)
                : base.inputProjection(value(xs), value(w), value(b));
    }

    /** Kernels that run the base's fused kernels on constants and decompose over this object for duals. */
    @Override
    public RecurrentKernels kernels() {
        return kernels;
    }

    /** The recurrent kernels of {@link TangentOps}: the base's kernel for constants, the decomposition for duals. */
    private final class Kernels implements RecurrentKernels {
        @Override
        public Ops ops() {
            return TangentOps.this;
        }

        @Override
        public LstmState lstmStep(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
            return anyDual(xProj, h, c, wh) ? RecurrentKernels.super.lstmStep(xProj, h, c, wh)
                    : base.kernels().lstmStep(value(xProj), value(h), value(c), value(wh));
        }

        @Override
        public Tensor gruStep(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
            return anyDual(xProj, h, whRu, whN) ? RecurrentKernels.super.gruStep(xProj, h, whRu, whN)
                    : base.kernels().gruStep(value(xProj), value(h), value(whRu), value(whN));
        }

        @Override
        public Tensor elmanStep(Tensor xProj, Tensor h, Tensor wh) {
            return anyDual(xProj, h, wh) ? RecurrentKernels.super.elmanStep(xProj, h, wh)
                    : base.kernels().elmanStep(value(xProj), value(h), value(wh));
        }

        @Override
        public LstmState lstmSteps(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
            return anyDual(xProjs, h, c, wh) ? RecurrentKernels.super.lstmSteps(xProjs, h, c, wh)
                    : base.kernels().lstmSteps(value(xProjs), value(h), value(c), value(wh));
        }

        @Override
        public Tensor gruSteps(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
            return anyDual(xProjs, h, whRu, whN) ? RecurrentKernels.super.gruSteps(xProjs, h, whRu, whN)
                    : base.kernels().gruSteps(value(xProjs), value(h), value(whRu), value(whN));
        }

        @Override
        public Tensor elmanSteps(Tensor xProjs, Tensor h, Tensor wh) {
            return anyDual(xProjs, h, wh) ? RecurrentKernels.super.elmanSteps(xProjs, h, wh)
                    : base.kernels().elmanSteps(value(xProjs), value(h), value(wh));
        }
    }
}
