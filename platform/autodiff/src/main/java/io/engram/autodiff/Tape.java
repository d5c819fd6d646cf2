package io.engram.autodiff;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reverse-mode automatic differentiation on a define-by-run tape (Griewank and Walther,
 * "Evaluating Derivatives", 2nd ed. 2008, ch. 3). Every op computes its value on the base
 * {@link Ops} and, when one of its inputs was recorded, appends a node that knows how to pull the
 * output's adjoint back to its inputs; each op's derivative is written next to the op. Unrolled
 * over the time steps of a recurrent network this is backpropagation through time (Werbos,
 * "Backpropagation through time: what it does and how to do it", Proc. IEEE 78(10), 1990).
 *
 * <p>Lifecycle: create a tape over a backend's ops, mark parameters with {@link #leaf}, run the
 * forward computation through this tape (it is an {@code Ops}), then call {@link #backward} on a
 * one-element loss. {@code backward} walks the nodes in reverse order of creation and accumulates
 * adjoints, so a tensor used twice receives the sum of both contributions; it may be called again
 * (each call starts from zero) and leaves the tape usable. Tensors not made by this tape are
 * constants: their gradient is never computed. Ops whose inputs are all constants run plainly on
 * the base and return base tensors, so the fused kernels of a backend are used wherever nothing is
 * being differentiated. With a recorded input the recurrent kernels of {@link #kernels()} (the LSTM,
 * GRU and Elman steps and the recurrences over a whole sequence, {@link RecurrentNodes}) are
 * recorded as single nodes whose values and adjoints come from the base's fused training kernels,
 * keeping only the gate activations per step, and the input projection is one node. Adjoints of
 * slices are joined once per sliced tensor, and the weight terms {@code A^T G} of all steps
 * (recurrent weights of the fused steps, and the right operand of every plain matrix product: input
 * projections, recurrent matrices, readouts) are summed as one matrix product, so a step adds no
 * adjoint of the whole projection's or a weight's size.
 *
 * <p>A tape holds every recorded intermediate until it is discarded; one tape serves one forward
 * and backward pass (for truncated BPTT, one per truncation window). Not thread-safe.
 */
public final class Tape implements Ops {
    private final Ops base;
    private final List<Var> nodes = new ArrayList<>();
    /** Number of {@link #backward} passes begun: lets a node tell this pass from earlier ones. */
    private int pass;
    /** During {@link #backward}: the adjoint terms that wait for their node to be reached. */
    private PendingAdjoints pending;
    /** The recurrent kernels recorded on this tape, made on first use. */
    private RecurrentKernels kernels;

    /** Pulls the adjoint {@code g} of a node's output back into its inputs' adjoints. */
    @FunctionalInterface
    interface Pullback {
        void apply(Tensor g, Tensor[] adjoints);
    }

    /** A tensor recorded on this tape: its base value, its index, and its pullback (null for a leaf). */
    static final class Var extends Wrapping.Wrapped {
        final Tape tape;
        final int id;
        final Pullback pullback;

        Var(Tape tape, Tensor value, int id, Pullback pullback) {
            super(value);
            this.tape = tape;
            this.id = id;
            this.pullback = pullback;
        }

        @Override
        public String toString() {
            return "Tape.Var#" + id + "(" + value + ")";
        }
    }

    public Tape(Ops base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The ops this tape computes values with. */
    public Ops base() {
        return base;
    }

    /** Records {@code value} (unwrapped if it is a recorded tensor) as a leaf whose gradient is wanted. */
    public Tensor leaf(Tensor value) {
        return record(value(value), null);
    }

    /** The base tensor under {@code t}: its value if {@code t} was recorded on any tape, else {@code t}. */
    public static Tensor value(Tensor t) {
        while (t instanceof Var) {
            t = ((Var) t).value;
        }
        return t;
    }

    /**
     * Gradients of {@code scalarLoss} (one element, made by this tape) with respect to every tensor
     * recorded before it.
     */
    public Gradients backward(Tensor scalarLoss) {
        Var loss = tracked(scalarLoss);
        if (loss == null) {
            throw new IllegalArgumentException("backward: the loss was not computed on this tape");
        }
        if (loss.shape().size() != 1) {
            throw new IllegalArgumentException("backward: the loss must have one element, shape is " + loss.shape());
        }
        Tensor[] adjoints = new Tensor[loss.id + 1];
        adjoints[loss.id] = base.full(loss.dtype(), loss.shape(), 1.0);
        pending = new PendingAdjoints(base, loss.id + 1);
        pass++;
        try {
            for (int id = loss.id; id >= 0; id--) {
                Var node = nodes.get(id);
                settle(node, adjoints);
                Tensor g = adjoints[id];
                if (g != null && node.pullback != null) {
                    node.pullback.apply(g, adjoints);
                }
            }
        } finally {
            pending = null;
        }
        return new Gradients(this, adjoints, base);
    }

    /**
     * Adds the products and slice adjoints waiting for {@code node} into its adjoint. Backward does
     * this when it reaches the node; a pullback that reads the adjoint of an older node (the cell
     * states of an LSTM, read at its outputs) does it first, as every contribution is in by then.
     */
    void settle(Var node, Tensor[] adjoints) {
        pending.settle(node.id, node.shape(), node.dtype(), adjoints);
    }

    /** Number of {@link #backward} passes begun so far: lets a node tell this pass from earlier ones. */
    int pass() {
        return pass;
    }

    /** Number of nodes recorded so far (leaves included). */
    public int size() {
        return nodes.size();
    }

    int idOf(Tensor t) {
        Var v = tracked(t);
        return v == null ? -1 : v.id;
    }

    // ---- recording -----------------------------------------------------------------------

    Var tracked(Tensor t) {
        return t instanceof Var && ((Var) t).tape == this ? (Var) t : null;
    }

    Var record(Tensor value, Pullback pullback) {
        Var v = new Var(this, value, nodes.size(), pullback);
        nodes.add(v);
        return v;
    }

    /** Adds {@code g} (summed down to the input's shape if it was broadcast) into the adjoint of {@code x}. */
    void accumulate(Tensor[] adjoints, Tensor x, Tensor g) {
        Var v = tracked(x);
        if (v == null) {
            return;
        }
        Tensor reduced = unbroadcast(g, v.shape());
        adjoints[v.id] = adjoints[v.id] == null ? reduced : base.add(adjoints[v.id], reduced);
    }

    /** Sums {@code g} over the axes along which a tensor of {@code shape} was broadcast. */
    private Tensor unbroadcast(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        while (g.rank() > shape.rank()) {
            g = base.sum(g, 0);
        }
        for (int ax = shape.rank() - 1; ax >= 0; ax--) {
            if (shape.dim(ax) == 1 && g.dim(ax) != 1) {
                g = base.sum(g, ax);
            }
        }
        return base.reshape(g, shape);
    }

    /** {@code t} stretched to {@code shape} (into which it broadcasts). */
    private Tensor expand(Tensor t, Shape shape) {
        return t.shape().equals(shape) ? t : base.add(base.zeros(t.dtype(), shape), t);
    }

    /** {@code shape} with extent 1 at {@code axis}: the shape of a kept-dims reduction. */
    private static Shape keep(Shape shape, int axis) {
        return shape.with(axis, 1);
    }

    boolean anyTracked(Tensor... ts) {
        for (Tensor t : ts) {
            if (tracked(t) != null) {
                return true;
            }
        }
        return false;
    }

    /** The result: a base tensor when no input is recorded, else a new node. */
    private Tensor result(Tensor value, Pullback pullback, Tensor... inputs) {
        return anyTracked(inputs) ? record(value, pullback) : value;
    }

    // ---- memory --------------------------------------------------------------------------

    /**
     * The base's workspace, with {@code keep} unwrapping recorded tensors. Open it around a whole
     * forward and backward pass (the tape's nodes hold the intermediates that backward reads) and
     * keep the gradients and carried state before closing.
     */
    @Override
    public Workspace workspace() {
        Workspace inner = base.workspace();
        return Wrapping.workspace(inner, t -> inner.keep(value(t)));
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
     * {@code C = op(A) op(B)}: {@code dop(A) = G op(B)^T}, {@code dop(B) = op(A)^T G}, each
     * transposed back when its operand was stored transposed. For plain matrices, {@code dB = A^T G}
     * waits in {@link PendingAdjoints}, so a weight used at every step (an input projection, a
     * recurrent matrix, a readout) receives the sum over all steps as one matrix product.
     */
    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        Tensor av = value(a);
        Tensor bv = value(b);
        Tensor y = base.matmul(av, bv, transposeA, transposeB);
        return result(y, (g, adj) -> {
            if (tracked(a) != null) {
                accumulate(adj, a, transposeA ? base.matmul(bv, g, transposeB, true)
                        : base.matmul(g, bv, false, !transposeB));
            }
            if (tracked(b) != null) {
                if (!transposeA && !transposeB && av.rank() == 2 && bv.rank() == 2) {
                    accumulateProduct(b, av, g);
                } else {
                    accumulate(adj, b, transposeB ? base.matmul(g, av, true, transposeA)
                            : base.matmul(av, g, !transposeA, false));
                }
            }
        }, a, b);
    }

    /**
     * {@code C_i = op(A_i) op(B_i)}: {@code dop(A_i) = G_i op(B_i)^T}, {@code dop(B_i) = op(A_i)^T G_i},
     * each transposed back when its operand was stored transposed, as for {@link #matmul}.
     */
    @Override
    public Tensor batchedMatmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        Tensor av = value(a);
        Tensor bv = value(b);
        Tensor y = base.batchedMatmul(av, bv, transposeA, transposeB);
        return result(y, (g, adj) -> {
            if (tracked(a) != null) {
                accumulate(adj, a, transposeA ? base.batchedMatmul(bv, g, transposeB, true)
                        : base.batchedMatmul(g, bv, false, !transposeB));
            }
            if (tracked(b) != null) {
                accumulate(adj, b, transposeB ? base.batchedMatmul(g, av, true, transposeA)
                        : base.batchedMatmul(av, g, !transposeA, false));
            }
        }, a, b);
    }

    /** {@code X = A^-1 B}: {@code dB = A^-T G}, {@code dA = -dB X^T}. */
    @Override
    public Tensor solve(Tensor a, Tensor b) {
        Tensor av = value(a);
        Tensor y = base.solve(av, value(b));
        return result(y, (g, adj) -> {
            Tensor db = base.solve(base.transpose(av), g);
            accumulate(adj, b, db);
            if (tracked(a) != null) {
                accumulate(adj, a, base.scale(base.matmul(db, y, false, true), -1.0));
            }
        }, a, b);
    }

    // ---- elementwise ---------------------------------------------------------------------

    /** {@code y = a + b}: {@code da = g}, {@code db = g}. */
    @Override
    public Tensor add(Tensor a, Tensor b) {
        Tensor y = base.add(value(a), value(b));
        return result(y, (g, adj) -> {
            accumulate(adj, a, g);
            accumulate(adj, b, g);
        }, a, b);
    }

    /** {@code y = a - b}: {@code da = g}, {@code db = -g}. */
    @Override
    public Tensor sub(Tensor a, Tensor b) {
        Tensor y = base.sub(value(a), value(b));
        return result(y, (g, adj) -> {
            accumulate(adj, a, g);
            if (tracked(b) != null) {
                accumulate(adj, b, base.scale(g, -1.0));
            }
        }, a, b);
    }

    /** {@code y = a b}: {@code da = g b}, {@code db = g a}. */
    @Override
    public Tensor mul(Tensor a, Tensor b) {
        Tensor av = value(a);
        Tensor bv = value(b);
        Tensor y = base.mul(av, bv);
        return result(y, (g, adj) -> {
            if (tracked(a) != null) {
                accumulate(adj, a, base.mul(g, bv));
            }
            if (tracked(b) != null) {
                accumulate(adj, b, base.mul(g, av));
            }
        }, a, b);
    }

    /** {@code y = a / b}: {@code da = g / b}, {@code db = -g y / b}. */
    @Override
    public Tensor div(Tensor a, Tensor b) {
        Tensor bv = value(b);
        Tensor y = base.div(value(a), bv);
        return result(y, (g, adj) -> {
            if (tracked(a) != null) {
                accumulate(adj, a, base.div(g, bv));
            }
            if (tracked(b) != null) {
                accumulate(adj, b, base.scale(base.div(base.mul(g, y), bv), -1.0));
            }
        }, a, b);
    }

    /** {@code y = alpha a}: {@code da = alpha g}. */
    @Override
    public Tensor scale(Tensor a, double alpha) {
        Tensor y = base.scale(value(a), alpha);
        return result(y, (g, adj) -> accumulate(adj, a, base.scale(g, alpha)), a);
    }

    /** {@code y = a + beta}: {@code da = g}. */
    @Override
    public Tensor addScalar(Tensor a, double beta) {
        Tensor y = base.addScalar(value(a), beta);
        return result(y, (g, adj) -> accumulate(adj, a, g), a);
    }

    /** {@code y = tanh a}: {@code da = g (1 - y^2)}. */
    @Override
    public Tensor tanh(Tensor a) {
        Tensor y = base.tanh(value(a));
        return result(y, (g, adj) -> accumulate(adj, a,
                base.mul(g, base.addScalar(base.scale(base.mul(y, y), -1.0), 1.0))), a);
    }

    /** {@code y = sigmoid a}: {@code da = g y (1 - y)}. */
    @Override
    public Tensor sigmoid(Tensor a) {
        Tensor y = base.sigmoid(value(a));
        return result(y, (g, adj) -> accumulate(adj, a,
                base.mul(g, base.mul(y, base.addScalar(base.scale(y, -1.0), 1.0)))), a);
    }

    /** {@code y = max(a, 0)}: {@code da = g} where {@code a > 0} (that is, {@code y != 0}), else 0. */
    @Override
    public Tensor relu(Tensor a) {
        Tensor y = base.relu(value(a));
        return result(y, (g, adj) -> accumulate(adj, a,
                base.where(y, g, base.zeros(g.dtype(), Shape.scalar()))), a);
    }

    /** {@code y = e^a}: {@code da = g y}. */
    @Override
    public Tensor exp(Tensor a) {
        Tensor y = base.exp(value(a));
        return result(y, (g, adj) -> accumulate(adj, a, base.mul(g, y)), a);
    }

    /** {@code y = ln a}: {@code da = g / a}. */
    @Override
    public Tensor log(Tensor a) {
        Tensor av = value(a);
        Tensor y = base.log(av);
        return result(y, (g, adj) -> accumulate(adj, a, base.div(g, av)), a);
    }

    /** {@code y = sqrt a}: {@code da = g / (2 y)}. */
    @Override
    public Tensor sqrt(Tensor a) {
        Tensor y = base.sqrt(value(a));
        return result(y, (g, adj) -> accumulate(adj, a, base.div(g, base.scale(y, 2.0))), a);
    }

    /** {@code y = |a|}: {@code da = g sign(a)} (0 at 0). */
    @Override
    public Tensor abs(Tensor a) {
        Tensor av = value(a);
        Tensor y = base.abs(av);
        return result(y, (g, adj) -> accumulate(adj, a, base.mul(g, base.sign(av))), a);
    }

    /** {@code y = sign a}: {@code da = 0}, so the result is a constant. */
    @Override
    public Tensor sign(Tensor a) {
        return base.sign(value(a));
    }

    /** {@code y = [a > b]}: {@code da = db = 0}, so the result is a constant. */
    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return base.greater(value(a), value(b));
    }

    /** {@code y = [a >= b]}: {@code da = db = 0}, so the result is a constant. */
    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return base.greaterEqual(value(a), value(b));
    }

    /**
     * {@code y = [a > 0]} with the surrogate {@code sigmoid(k a)}: {@code da = g k s (1 - s)},
     * {@code s = sigmoid(k a)}; a constant when {@code k = 0}.
     */
    @Override
    public Tensor heaviside(Tensor a, double surrogateSlope) {
        Tensor av = value(a);
        Tensor y = base.heaviside(av, surrogateSlope);
        if (surrogateSlope == 0.0) {
            return y;
        }
        return result(y, (g, adj) -> {
            Tensor s = base.sigmoid(base.scale(av, surrogateSlope));
            Tensor slope = base.scale(base.mul(s, base.addScalar(base.scale(s, -1.0), 1.0)), surrogateSlope);
            accumulate(adj, a, base.mul(g, slope));
        }, a);
    }

    /** {@code y = mask ? a : b}: {@code da = mask ? g : 0}, {@code db = mask ? 0 : g}. */
    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        Tensor mv = value(mask);
        Tensor y = base.where(mv, value(a), value(b));
        return result(y, (g, adj) -> {
            Tensor zero = base.zeros(g.dtype(), Shape.scalar());
            if (tracked(a) != null) {
                accumulate(adj, a, base.where(mv, g, zero));
            }
            if (tracked(b) != null) {
                accumulate(adj, b, base.where(mv, zero, g));
            }
        }, a, b);
    }

    // ---- along an axis -------------------------------------------------------------------

    /** {@code y = softmax(a)}: {@code da = y (g - sum(g y))}, the sum along the axis. */
    @Override
    public Tensor softmax(Tensor a, int axis) {
        Tensor y = base.softmax(value(a), axis);
        int ax = y.shape().normalizeAxis(axis);
        return result(y, (g, adj) -> {
            Tensor dot = base.reshape(base.sum(base.mul(g, y), ax), keep(y.shape(), ax));
            accumulate(adj, a, base.mul(y, base.sub(g, dot)));
        }, a);
    }

    /** {@code y = log softmax(a)}: {@code da = g - softmax(a) sum(g)}, the sum along the axis. */
    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        Tensor y = base.logSoftmax(value(a), axis);
        int ax = y.shape().normalizeAxis(axis);
        return result(y, (g, adj) -> {
            Tensor total = base.reshape(base.sum(g, ax), keep(y.shape(), ax));
            accumulate(adj, a, base.sub(g, base.mul(base.exp(y), total)));
        }, a);
    }

    /** {@code y = sum_axis a}: {@code da = g} repeated along the axis. */
    @Override
    public Tensor sum(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor y = base.sum(av, ax);
        return result(y, (g, adj) -> accumulate(adj, a,
                expand(base.reshape(g, keep(av.shape(), ax)), av.shape())), a);
    }

    /** {@code y = mean_axis a}: {@code da = g / n} repeated along the axis. */
    @Override
    public Tensor mean(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor y = base.mean(av, ax);
        double n = av.shape().dim(ax);
        return result(y, (g, adj) -> accumulate(adj, a,
                expand(base.reshape(base.scale(g, 1.0 / n), keep(av.shape(), ax)), av.shape())), a);
    }

    /** {@code y = cumsum_axis a}: {@code da = reverse(cumsum_axis(reverse(g)))}, reversed along the axis. */
    @Override
    public Tensor cumsum(Tensor a, int axis) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor y = base.cumsum(av, ax);
        return result(y, (g, adj) -> {
            int[] reverse = new int[g.shape().dim(ax)];
            for (int i = 0; i < reverse.length; i++) {
                reverse[i] = reverse.length - 1 - i;
            }
            accumulate(adj, a, base.gather(base.cumsum(base.gather(g, ax, reverse), ax), ax, reverse));
        }, a);
    }

    /** {@code y = sum a}: {@code da = g} everywhere. */
    @Override
    public Tensor sumAll(Tensor a) {
        Tensor av = value(a);
        Tensor y = base.sumAll(av);
        return result(y, (g, adj) -> {
            int[] ones = new int[av.rank()];
            Arrays.fill(ones, 1);
            accumulate(adj, a, expand(base.reshape(g, Shape.of(ones)), av.shape()));
        }, a);
    }

    /** {@code y = [a_0 | a_1 | ...]}: {@code da_i} is the slice of {@code g} where {@code a_i} sits. */
    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        List<Tensor> values = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            values.add(value(p));
        }
        Tensor y = base.concat(axis, values);
        int ax = y.shape().normalizeAxis(axis);
        List<Tensor> inputs = List.copyOf(parts);
        return result(y, (g, adj) -> {
            int from = 0;
            for (Tensor p : inputs) {
                int to = from + p.dim(ax);
                if (tracked(p) != null) {
                    accumulate(adj, p, base.slice(g, ax, from, to));
                }
                from = to;
            }
        }, inputs.toArray(new Tensor[0]));
    }

    /**
     * {@code y = a[from:to]} along the axis: {@code da = g} padded with zeros. The pieces pulled back
     * into one input wait in {@link PendingAdjoints} until backward reaches that input, and are then
     * joined once: slicing a sequence's projection into T steps costs one
     * adjoint of the projection's size, not T.
     */
    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        Tensor y = base.slice(av, ax, from, to);
        return result(y, (g, adj) -> {
            Var v = tracked(a);
            if (v != null) {
                pending.addSlice(v.id, ax, from, to, g);
            }
        }, a);
    }

    /** Adds {@code a^T b} to the adjoint of {@code x} (if recorded) when backward reaches it. */
    void accumulateProduct(Tensor x, Tensor a, Tensor b) {
        Var v = tracked(x);
        if (v != null) {
            pending.addProduct(v.id, a, b);
        }
    }

    /** {@code y = a[indices]} along the axis: {@code da = scatterAdd(g)}. */
    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        int[] idx = indices.clone();
        Tensor y = base.gather(av, ax, idx);
        return result(y, (g, adj) -> accumulate(adj, a, base.scatterAdd(g, ax, idx, av.shape().dim(ax))), a);
    }

    /** {@code y = scatterAdd(a)} along the axis: {@code da = gather(g)}. */
    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        Tensor av = value(a);
        int ax = av.shape().normalizeAxis(axis);
        int[] idx = indices.clone();
        Tensor y = base.scatterAdd(av, ax, idx, size);
        return result(y, (g, adj) -> accumulate(adj, a, base.gather(g, ax, idx)), a);
    }

    /** {@code y = reshape a}: {@code da = reshape g}. */
    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        Tensor av = value(a);
        Tensor y = base.reshape(av, shape);
        return result(y, (g, adj) -> accumulate(adj, a, base.reshape(g, av.shape())), a);
    }

    /** {@code y = a^T}: {@code da = g^T}. */
    @Override
    public Tensor transpose(Tensor a) {
        Tensor y = base.transpose(value(a));
        return result(y, (g, adj) -> accumulate(adj, a, base.transpose(g)), a);
    }

    // ---- fused ops ---------------------------------------------------------------------------

    /**
     * {@code y = xs w + b} as one recorded node whose value comes from the base's kernel:
     * {@code dxs = G w^T}, {@code dw = xs^T G} (waiting in {@link PendingAdjoints} with the other
     * products into {@code w}), {@code db = sum of G over its rows}. With {@code xs} the stacked
     * inputs of a whole sequence, the projection and its adjoints are one matrix product each.
     * Shapes other than {@code xs [n, in], w [in, g], b [g]} are recorded decomposed.
     */
    @Override
    public Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        Tensor xv = value(xs);
        Tensor wv = value(w);
        Tensor bv = value(b);
        if (!anyTracked(xs, w, b)) {
            return base.inputProjection(xv, wv, bv);
        }
        if (xv.rank() != 2 || wv.rank() != 2 || wv.dim(0) != xv.dim(1) || bv.rank() != 1 || bv.dim(0) != wv.dim(1)) {
            return Ops.super.inputProjection(xs, w, b);
        }
        return record(base.inputProjection(xv, wv, bv), (g, adj) -> {
            if (tracked(xs) != null) {
                accumulate(adj, xs, base.matmul(g, wv, false, true));
            }
            accumulateProduct(w, xv, g);
            if (tracked(b) != null) {
                accumulate(adj, b, base.sum(g, 0));
            }
        });
    }

    /**
     * The recurrent kernels recorded on this tape ({@link RecurrentNodes}): each step or recurrence
     * one node whose value and adjoints come from the base's fused kernels.
     */
    @Override
    public RecurrentKernels kernels() {
        if (kernels == null) {
            kernels = new RecurrentNodes(this);
        }
        return kernels;
    }
}
