package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a backend: every op of {@link Ops}, every fused op, and the forward and
 * backward pass of the families given, on the backend under test against the {@link ReferenceOps}
 * in f64 (plain loops, no plugin). A backend's test extends it in one line:
 * <pre>
 *   class CudaConformanceTest extends BackendConformance {
 *       CudaConformanceTest() { super(new CudaBackend(), Map.of(DType.F32, 1e-4, DType.F64, 1e-10)); }
 *   }
 * </pre>
 * Each dtype that is both a key of the tolerances and one of {@link Backend#dtypes()} is checked.
 * Inputs are drawn in f64 from a seeded generator and uploaded to both backends with
 * {@code fromArray}; shapes include empty, one-element, odd sizes and broadcasting. A result agrees
 * when its shape and dtype are those of the reference and
 * <pre>
 *   max |x - x_ref| / (1 + max |x_ref|)  &lt;=  tolerance(dtype)
 * </pre>
 * Families: override {@link #families()} (the testkit does not depend on family bundles); each is
 * built in f64 on the reference backend with a seed, its parameters are copied to a network of the dtype under
 * test on the backend, and the outputs of a plain forward pass and the loss and BPTT gradients of
 * {@link SequenceGradients#bptt()} must agree within {@code familyFactor} times the tolerance.
 *
 * <p>Lifecycle: JUnit creates one instance per test method; the backend under test is the
 * subclass's to close (the reference holds nothing). Test methods are public so that
 * subclasses in any package inherit them; each prints its largest error per dtype.
 */
public abstract class BackendConformance {

    /** A family and its raw model hyperparameters, checked on the backend. */
    public record FamilyCase(NetworkFamily family, Map<String, String> hyperparameters) {
    }

    private static final int INPUTS = 3;
    private static final int OUTPUTS = 2;

    private final Backend backend;
    private final Map<DType, Double> tolerances;
    private final double familyFactor;
    private final Backend referenceBackend = new ReferenceBackend();
    private final Ops ref = referenceBackend.ops();

    /**
     * Conformance of {@code backend} in each dtype of {@code tolerances} that it offers, with the
     * families' results held to ten times the tolerance.
     */
    protected BackendConformance(Backend backend, Map<DType, Double> tolerances) {
        this(backend, tolerances, 10.0);
    }

    /** As above, with the families' results held to {@code familyFactor} times the tolerance. */
    protected BackendConformance(Backend backend, Map<DType, Double> tolerances, double familyFactor) {
        this.backend = backend;
        this.tolerances = new TreeMap<>(tolerances);
        this.familyFactor = familyFactor;
    }

    /** The families whose forward and backward passes are checked; none unless overridden. */
    protected List<FamilyCase> families() {
        return List.of();
    }

    /** The backend under test. */
    protected final Backend backend() {
        return backend;
    }

    // ---- the tests ---------------------------------------------------------------------------

    @Test
    public void offersAtLeastOneCheckedDtype() {
        assertFalse(dtypes().isEmpty(), "the backend offers none of the dtypes " + tolerances.keySet()
                + "; it offers " + backend.dtypes());
        assertTrue(backend.availability().available(), "backend unavailable: " + backend.availability().reason());
    }

    @Test
    public void creation() {
        forEachDtype("creation", (d, c) -> {
            Ops ops = backend.ops();
            for (Shape s : List.of(Shape.scalar(), Shape.of(0), Shape.of(1), Shape.of(3, 5), Shape.of(0, 4),
                    Shape.of(2, 3, 4))) {
                c.check("zeros " + s, ops.zeros(d, s), ref.zeros(DType.F64, s));
                c.check("full " + s, ops.full(d, s, -1.25), ref.full(DType.F64, s, -1.25));
                double[] v = c.values(s.size(), -2, 2);
                c.check("fromArray(double[]) " + s, ops.fromArray(d, s, v), ref.fromArray(DType.F64, s, v));
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                c.check("fromArray(float[]) " + s, ops.fromArray(d, s, f), ref.fromArray(DType.F64, s, f));
            }
        });
    }

    @Test
    public void matmulWithEveryTransposeFlag() {
        int[][] mkn = {{0, 3, 2}, {1, 1, 1}, {3, 0, 4}, {2, 3, 0}, {5, 7, 3}, {17, 13, 9}, {33, 65, 31}};
        forEachDtype("matmul", (d, c) -> {
            for (int[] size : mkn) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    Shape sa = ta ? Shape.of(size[1], size[0]) : Shape.of(size[0], size[1]);
                    Shape sb = tb ? Shape.of(size[2], size[1]) : Shape.of(size[1], size[2]);
                    Pair a = c.random(sa, -1, 1);
                    Pair b = c.random(sb, -1, 1);
                    c.check("matmul " + sa + " " + sb + " ta=" + ta + " tb=" + tb,
                            backend.ops().matmul(a.test, b.test, ta, tb), ref.matmul(a.ref, b.ref, ta, tb));
                }
            }
            Pair a = c.random(Shape.of(4, 6), -1, 1);
            Pair b = c.random(Shape.of(6, 5), -1, 1);
            c.check("matmul(a, b)", backend.ops().matmul(a.test, b.test), ref.matmul(a.ref, b.ref));
        });
    }

    /** Batched products with every transpose flag against {@code matmul} of each batch entry on the reference. */
    @Test
    public void batchedMatmulWithEveryTransposeFlag() {
        int[][] bmkn = {{0, 2, 3, 2}, {1, 1, 1, 1}, {3, 2, 0, 4}, {2, 0, 3, 2}, {4, 5, 7, 3}, {3, 17, 13, 9}};
        forEachDtype("batchedMatmul", (d, c) -> {
            Ops ops = backend.ops();
            for (int[] size : bmkn) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    int batch = size[0];
                    Shape sa = ta ? Shape.of(batch, size[2], size[1]) : Shape.of(batch, size[1], size[2]);
                    Shape sb = tb ? Shape.of(batch, size[3], size[2]) : Shape.of(batch, size[2], size[3]);
                    Pair a = c.random(sa, -1, 1);
                    Pair b = c.random(sb, -1, 1);
                    List<Tensor> parts = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        Tensor ai = ref.reshape(ref.slice(a.ref, 0, i, i + 1), sa.without(0));
                        Tensor bi = ref.reshape(ref.slice(b.ref, 0, i, i + 1), sb.without(0));
                        parts.add(ref.reshape(ref.matmul(ai, bi, ta, tb), Shape.of(1, size[1], size[3])));
                    }
                    Tensor expected = batch == 0 ? ref.zeros(DType.F64, Shape.of(0, size[1], size[3]))
                            : ref.concat(0, parts);
                    c.check("batchedMatmul " + sa + (ta ? "^T" : "") + " @ " + sb + (tb ? "^T" : ""),
                            ops.batchedMatmul(a.test, b.test, ta, tb), expected);
                }
            }
        });
    }

    /**
     * {@code solve} on diagonally dominant systems against the reference, whose residual
     * {@code |a x - b|} must itself be below {@code 1e-12}; a singular matrix is refused.
     */
    @Test
    public void linearSolve() {
        int[][] nk = {{0, 2}, {1, 1}, {3, 0}, {3, 4}, {7, 1}, {16, 5}};
        forEachDtype("solve", (d, c) -> {
            Ops ops = backend.ops();
            for (int[] size : nk) {
                int n = size[0];
                double[] m = c.values(n * n, -1, 1);
                for (int i = 0; i < n; i++) {
                    m[i * n + i] += n;
                }
                Pair a = c.of(Shape.of(n, n), m);
                Pair b = c.random(Shape.of(n, size[1]), -1, 1);
                Tensor x = ref.solve(a.ref, b.ref);
                double residual = ref.sumAll(ref.mul(ref.sub(ref.matmul(a.ref, x), b.ref),
                        ref.sub(ref.matmul(a.ref, x), b.ref))).item();
                assertTrue(Math.sqrt(residual) < 1e-12, "solve " + n + "x" + size[1] + ": reference residual " + residual);
                c.check("solve " + a.ref.shape() + " " + b.ref.shape(), ops.solve(a.test, b.test), x);
            }
            Pair singular = c.of(Shape.of(2, 2), new double[] {1, 2, 2, 4});
            Pair rhs = c.of(Shape.of(2, 1), new double[] {1, 1});
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ops.solve(singular.test, rhs.test));
            assertTrue(e.getMessage().contains("singular"), e.getMessage());
        });
    }

    @Test
    public void elementwiseWithBroadcasting() {
        Shape[][] pairs = {
            {Shape.of(3, 4), Shape.of(3, 4)}, {Shape.of(3, 4), Shape.of(4)}, {Shape.of(3, 1), Shape.of(1, 4)},
            {Shape.of(2, 3, 5), Shape.of(3, 1)}, {Shape.scalar(), Shape.of(2, 3)}, {Shape.of(0, 4), Shape.of(4)},
            {Shape.of(1), Shape.of(1)}, {Shape.of(7), Shape.scalar()}, {Shape.of(1, 5), Shape.of(6, 1)},
        };
        forEachDtype("elementwise", (d, c) -> {
            Ops ops = backend.ops();
            for (Shape[] p : pairs) {
                Pair a = c.random(p[0], -2, 2);
                Pair b = c.random(p[1], -2, 2);
                Pair away = c.awayFromZero(p[1]);
                String n = " " + p[0] + " " + p[1];
                c.check("add" + n, ops.add(a.test, b.test), ref.add(a.ref, b.ref));
                c.check("add swapped" + n, ops.add(b.test, a.test), ref.add(b.ref, a.ref));
                c.check("sub" + n, ops.sub(a.test, b.test), ref.sub(a.ref, b.ref));
                c.check("mul" + n, ops.mul(a.test, b.test), ref.mul(a.ref, b.ref));
                c.check("div" + n, ops.div(a.test, away.test), ref.div(a.ref, away.ref));
                Pair mask = c.mask(p[1]);
                c.check("where" + n, ops.where(mask.test, a.test, b.test), ref.where(mask.ref, a.ref, b.ref));
            }
            for (Shape s : List.of(Shape.scalar(), Shape.of(0), Shape.of(1), Shape.of(7), Shape.of(3, 5, 2))) {
                Pair a = c.random(s, -3, 3);
                Pair pos = c.random(s, 0.1, 4);
                c.check("scale " + s, ops.scale(a.test, -0.75), ref.scale(a.ref, -0.75));
                c.check("addScalar " + s, ops.addScalar(a.test, 0.5), ref.addScalar(a.ref, 0.5));
                c.check("tanh " + s, ops.tanh(a.test), ref.tanh(a.ref));
                c.check("sigmoid " + s, ops.sigmoid(a.test), ref.sigmoid(a.ref));
                c.check("relu " + s, ops.relu(a.test), ref.relu(a.ref));
                c.check("exp " + s, ops.exp(a.test), ref.exp(a.ref));
                c.check("log " + s, ops.log(pos.test), ref.log(pos.ref));
            }
        });
    }

    /**
     * sqrt, abs, sign, maximum, minimum, the comparisons and the step against values computed on
     * the host in f64. Operands are drawn from {@code {-1, -0.5, 0, 0.5, 1}} so that ties and zeros
     * occur and every dtype holds them exactly.
     */
    @Test
    public void comparisonsStepsAndKinks() {
        Shape[][] pairs = {
            {Shape.of(3, 4), Shape.of(3, 4)}, {Shape.of(3, 4), Shape.of(4)}, {Shape.of(3, 1), Shape.of(1, 4)},
            {Shape.of(2, 3, 5), Shape.of(3, 1)}, {Shape.scalar(), Shape.of(2, 3)}, {Shape.of(0, 4), Shape.of(4)},
            {Shape.of(1), Shape.of(1)}, {Shape.of(7), Shape.scalar()}, {Shape.of(1, 5), Shape.of(6, 1)},
        };
        forEachDtype("comparisons", (d, c) -> {
            Ops ops = backend.ops();
            for (Shape[] p : pairs) {
                Pair a = c.steps(p[0]);
                Pair b = c.steps(p[1]);
                String n = " " + p[0] + " " + p[1];
                c.check("maximum" + n, ops.maximum(a.test, b.test), c.host(a, b, Math::max));
                c.check("minimum" + n, ops.minimum(a.test, b.test), c.host(a, b, Math::min));
                c.check("greater" + n, ops.greater(a.test, b.test), c.host(a, b, (x, y) -> x > y ? 1 : 0));
                c.check("greaterEqual" + n, ops.greaterEqual(a.test, b.test), c.host(a, b, (x, y) -> x >= y ? 1 : 0));
                c.check("less" + n, ops.less(a.test, b.test), c.host(a, b, (x, y) -> x < y ? 1 : 0));
                c.check("lessEqual" + n, ops.lessEqual(a.test, b.test), c.host(a, b, (x, y) -> x <= y ? 1 : 0));
                c.check("greater swapped" + n, ops.greater(b.test, a.test), c.host(b, a, (x, y) -> x > y ? 1 : 0));
            }
            for (Shape s : List.of(Shape.scalar(), Shape.of(0), Shape.of(1), Shape.of(7), Shape.of(3, 5, 2))) {
                Pair a = c.steps(s);
                Pair pos = c.random(s, 0, 4);
                Pair any = c.random(s, -3, 3);
                Pair scalar = c.of(Shape.scalar(), new double[] {0});
                c.check("sqrt " + s, ops.sqrt(pos.test), c.host(pos, scalar, (x, y) -> Math.sqrt(x)));
                c.check("abs " + s, ops.abs(any.test), c.host(any, scalar, (x, y) -> Math.abs(x)));
                c.check("abs steps " + s, ops.abs(a.test), c.host(a, scalar, (x, y) -> Math.abs(x)));
                c.check("sign " + s, ops.sign(a.test), c.host(a, scalar, (x, y) -> Math.signum(x)));
                c.check("heaviside " + s, ops.heaviside(a.test), c.host(a, scalar, (x, y) -> x > 0 ? 1 : 0));
                c.check("heaviside slope 4 " + s, ops.heaviside(a.test, 4.0), c.host(a, scalar, (x, y) -> x > 0 ? 1 : 0));
            }
        });
    }

    /** cumsum along every axis: slice {@code i} along it against the sum of slices {@code 0..i} on the reference. */
    @Test
    public void cumsumAlongEveryAxis() {
        forEachDtype("cumsum", (d, c) -> {
            Ops ops = backend.ops();
            for (Shape s : List.of(Shape.of(1), Shape.of(7), Shape.of(3, 5), Shape.of(2, 3, 4), Shape.of(0, 3),
                    Shape.of(3, 0))) {
                Pair a = c.random(s, -3, 3);
                for (int axis = -s.rank(); axis < s.rank(); axis++) {
                    Tensor y = ops.cumsum(a.test, axis);
                    assertEquals(s, y.shape(), "cumsum " + s + " axis " + axis + ": shape");
                    int ax = s.normalizeAxis(axis);
                    for (int i = 0; i < s.dim(ax); i++) {
                        c.check("cumsum " + s + " axis " + axis + " at " + i,
                                ops.reshape(ops.slice(y, ax, i, i + 1), s.without(ax)),
                                ref.sum(ref.slice(a.ref, ax, 0, i + 1), ax));
                    }
                }
            }
        });
    }

    @Test
    public void alongAnAxis() {
        forEachDtype("axis ops", (d, c) -> {
            Ops ops = backend.ops();
            for (Shape s : List.of(Shape.of(1), Shape.of(7), Shape.of(3, 5), Shape.of(2, 3, 4), Shape.of(0, 3))) {
                Pair a = c.random(s, -3, 3);
                for (int axis = -s.rank(); axis < s.rank(); axis++) {
                    String n = " " + s + " axis " + axis;
                    c.check("sum" + n, ops.sum(a.test, axis), ref.sum(a.ref, axis));
                    if (s.dim(axis) > 0) {
                        c.check("mean" + n, ops.mean(a.test, axis), ref.mean(a.ref, axis));
                        c.check("softmax" + n, ops.softmax(a.test, axis), ref.softmax(a.ref, axis));
                        c.check("logSoftmax" + n, ops.logSoftmax(a.test, axis), ref.logSoftmax(a.ref, axis));
                    }
                }
                c.check("sumAll " + s, ops.sumAll(a.test), ref.sumAll(a.ref));
            }
        });
    }

    @Test
    public void concatSliceGatherScatter() {
        forEachDtype("indexing", (d, c) -> {
            Ops ops = backend.ops();
            Pair a = c.random(Shape.of(3, 2), -1, 1);
            Pair b = c.random(Shape.of(3, 5), -1, 1);
            Pair e = c.random(Shape.of(3, 0), -1, 1);
            c.check("concat -1", ops.concat(-1, List.of(a.test, e.test, b.test)),
                    ref.concat(-1, List.of(a.ref, e.ref, b.ref)));
            Pair x = c.random(Shape.of(4, 5), -1, 1);
            c.check("concat 0", ops.concat(0, List.of(b.test, x.test)), ref.concat(0, List.of(b.ref, x.ref)));
            c.check("concat one part", ops.concat(1, List.of(b.test)), ref.concat(1, List.of(b.ref)));
            Pair t = c.random(Shape.of(2, 3, 4), -1, 1);
            c.check("concat 1 of rank 3", ops.concat(1, List.of(t.test, t.test)), ref.concat(1, List.of(t.ref, t.ref)));
            for (int[] cut : new int[][] {{1, 0, 5}, {0, 1, 4}, {-1, 2, 2}, {0, 3, 4}, {2, 0, 4}, {-2, 1, 3}}) {
                Pair src = cut[0] == 2 || cut[0] == -2 ? t : x;
                c.check("slice " + cut[0] + " " + cut[1] + ":" + cut[2], ops.slice(src.test, cut[0], cut[1], cut[2]),
                        ref.slice(src.ref, cut[0], cut[1], cut[2]));
            }
            int[][] indices = {{}, {0}, {3, 1, 1, 0, 3}, {2, 2, 2}};
            for (int[] idx : indices) {
                c.check("gather 0 " + java.util.Arrays.toString(idx), ops.gather(x.test, 0, idx),
                        ref.gather(x.ref, 0, idx));
                c.check("gather -1 " + java.util.Arrays.toString(idx), ops.gather(x.test, -1, idx),
                        ref.gather(x.ref, -1, idx));
                Pair g = c.random(Shape.of(idx.length, 3), -1, 1);
                c.check("scatterAdd 0 " + java.util.Arrays.toString(idx), ops.scatterAdd(g.test, 0, idx, 4),
                        ref.scatterAdd(g.ref, 0, idx, 4));
                Pair h = c.random(Shape.of(2, idx.length, 3), -1, 1);
                c.check("scatterAdd 1 " + java.util.Arrays.toString(idx), ops.scatterAdd(h.test, 1, idx, 5),
                        ref.scatterAdd(h.ref, 1, idx, 5));
            }
            c.check("reshape", ops.reshape(t.test, Shape.of(4, 6)), ref.reshape(t.ref, Shape.of(4, 6)));
            Pair one = c.random(Shape.of(1, 1), -1, 1);
            c.check("reshape to scalar", ops.reshape(one.test, Shape.scalar()), ref.reshape(one.ref, Shape.scalar()));
            for (Shape s : List.of(Shape.of(0, 3), Shape.of(1, 1), Shape.of(5, 7), Shape.of(1, 4))) {
                Pair m = c.random(s, -1, 1);
                c.check("transpose " + s, ops.transpose(m.test), ref.transpose(m.ref));
            }
        });
    }

    @Test
    public void fusedOps() {
        int[][] sizes = {{1, 1, 1}, {3, 2, 5}, {4, 7, 3}, {0, 2, 3}};
        forEachDtype("fused", (d, c) -> {
            Ops ops = backend.ops();
            for (int[] size : sizes) {
                int batch = size[0];
                int in = size[1];
                int hid = size[2];
                String n = " B=" + batch + " in=" + in + " H=" + hid;
                Pair xs = c.random(Shape.of(batch * 3, in), -1, 1);
                Pair w = c.random(Shape.of(in, 4 * hid), -0.7, 0.7);
                Pair bias = c.random(Shape.of(4 * hid), -0.5, 0.5);
                c.check("inputProjection" + n, ops.inputProjection(xs.test, w.test, bias.test),
                        ref.inputProjection(xs.ref, w.ref, bias.ref));
                Pair xProj = c.random(Shape.of(batch, 4 * hid), -1.5, 1.5);
                Pair h = c.random(Shape.of(batch, hid), -0.9, 0.9);
                Pair cell = c.random(Shape.of(batch, hid), -2, 2);
                Pair wh = c.random(Shape.of(hid, 4 * hid), -0.8, 0.8);
                RecurrentKernels k = ops.kernels();
                RecurrentKernels r = ref.kernels();
                c.checkAll("lstmStep" + n, parts(k.lstmStep(xProj.test, h.test, cell.test, wh.test)),
                        parts(r.lstmStep(xProj.ref, h.ref, cell.ref, wh.ref)));
                RecurrentKernels.LstmGates withGates = k.lstmStepWithGates(xProj.test, h.test, cell.test, wh.test);
                RecurrentKernels.LstmGates refGates = r.lstmStepWithGates(xProj.ref, h.ref, cell.ref, wh.ref);
                c.checkAll("lstmStepWithGates" + n, parts(withGates), parts(refGates));
                Pair dh = c.random(Shape.of(batch, hid), -1, 1);
                Pair dc = c.random(Shape.of(batch, hid), -1, 1);
                c.checkAll("lstmStepBackward" + n,
                        parts(k.lstmStepBackward(c.upload(refGates.gates()), cell.test, c.upload(refGates.c()),
                                dh.test, dc.test)),
                        parts(r.lstmStepBackward(refGates.gates(), cell.ref, refGates.c(), dh.ref, dc.ref)));
                Pair gProj = c.random(Shape.of(batch, 3 * hid), -1.5, 1.5);
                Pair whRu = c.random(Shape.of(hid, 2 * hid), -0.8, 0.8);
                Pair whN = c.random(Shape.of(hid, hid), -0.8, 0.8);
                c.check("gruStep" + n, k.gruStep(gProj.test, h.test, whRu.test, whN.test),
                        r.gruStep(gProj.ref, h.ref, whRu.ref, whN.ref));
                RecurrentKernels.GruGates gru = r.gruStepWithGates(gProj.ref, h.ref, whRu.ref, whN.ref);
                c.checkAll("gruStepWithGates" + n, parts(k.gruStepWithGates(gProj.test, h.test, whRu.test, whN.test)),
                        parts(gru));
                c.checkAll("gruStepBackward" + n,
                        parts(k.gruStepBackward(c.upload(gru.gates()), h.test, whN.test, dh.test)),
                        parts(r.gruStepBackward(gru.gates(), h.ref, whN.ref, dh.ref)));
                Pair eProj = c.random(Shape.of(batch, hid), -1.5, 1.5);
                Tensor elman = r.elmanStep(eProj.ref, h.ref, whN.ref);
                c.check("elmanStep" + n, k.elmanStep(eProj.test, h.test, whN.test), elman);
                c.check("elmanStepBackward" + n, k.elmanStepBackward(c.upload(elman), dh.test),
                        r.elmanStepBackward(elman, dh.ref));
                if (batch > 0) {
                    int time = 3;
                    Pair lx = c.random(Shape.of(time * batch, 4 * hid), -1.5, 1.5);
                    Pair dhs = c.random(Shape.of(time * batch, hid), -1, 1);
                    Pair dcs = c.random(Shape.of(time * batch, hid), -1, 1);
                    c.checkAll("lstmSteps" + n, parts(k.lstmSteps(lx.test, h.test, cell.test, wh.test)),
                            parts(r.lstmSteps(lx.ref, h.ref, cell.ref, wh.ref)));
                    RecurrentKernels.LstmGates lstm = r.lstmStepsWithGates(lx.ref, h.ref, cell.ref, wh.ref);
                    c.checkAll("lstmStepsWithGates" + n,
                            parts(k.lstmStepsWithGates(lx.test, h.test, cell.test, wh.test)), parts(lstm));
                    c.checkAll("lstmStepsBackward" + n, parts(k.lstmStepsBackward(c.upload(lstm.gates()), cell.test,
                            c.upload(lstm.c()), wh.test, dhs.test, dcs.test)),
                            parts(r.lstmStepsBackward(lstm.gates(), cell.ref, lstm.c(), wh.ref, dhs.ref, dcs.ref)));
                    Pair gx = c.random(Shape.of(time * batch, 3 * hid), -1.5, 1.5);
                    c.check("gruSteps" + n, k.gruSteps(gx.test, h.test, whRu.test, whN.test),
                            r.gruSteps(gx.ref, h.ref, whRu.ref, whN.ref));
                    RecurrentKernels.GruGates grus = r.gruStepsWithGates(gx.ref, h.ref, whRu.ref, whN.ref);
                    c.checkAll("gruStepsWithGates" + n, parts(k.gruStepsWithGates(gx.test, h.test, whRu.test, whN.test)),
                            parts(grus));
                    c.checkAll("gruStepsBackward" + n, parts(k.gruStepsBackward(c.upload(grus.gates()), h.test,
                            c.upload(grus.h()), whRu.test, whN.test, dhs.test)),
                            parts(r.gruStepsBackward(grus.gates(), h.ref, grus.h(), whRu.ref, whN.ref, dhs.ref)));
                    Pair ex = c.random(Shape.of(time * batch, hid), -1.5, 1.5);
                    Tensor elmans = r.elmanSteps(ex.ref, h.ref, whN.ref);
                    c.check("elmanSteps" + n, k.elmanSteps(ex.test, h.test, whN.test), elmans);
                    c.checkAll("elmanStepsBackward" + n, parts(k.elmanStepsBackward(h.test, c.upload(elmans), whN.test,
                            dhs.test)), parts(r.elmanStepsBackward(h.ref, elmans, whN.ref, dhs.ref)));
                }
            }
        });
    }

    /** The tensors of a recurrent kernel's result, in the order they are compared. */
    private static List<Tensor> parts(RecurrentKernels.LstmState s) {
        return List.of(s.h(), s.c());
    }

    private static List<Tensor> parts(RecurrentKernels.LstmGates g) {
        return List.of(g.h(), g.c(), g.gates());
    }

    private static List<Tensor> parts(RecurrentKernels.LstmStepAdjoint a) {
        return List.of(a.dz(), a.dc());
    }

    private static List<Tensor> parts(RecurrentKernels.LstmAdjoint a) {
        return List.of(a.dxProjs(), a.dh(), a.dc());
    }

    private static List<Tensor> parts(RecurrentKernels.GruGates g) {
        return List.of(g.h(), g.gates());
    }

    private static List<Tensor> parts(RecurrentKernels.GruStepAdjoint a) {
        return List.of(a.dz(), a.dhPart());
    }

    private static List<Tensor> parts(RecurrentKernels.StepsAdjoint a) {
        return List.of(a.dxProjs(), a.dh());
    }

    @Test
    public void familiesForwardAndBackward() {
        for (FamilyCase fc : families()) {
            NetworkFamily family = fc.family();
            Hyperparameters hyper = family.schema().validate(fc.hyperparameters(), "model.").getOrElseGet(p -> {
                throw new IllegalArgumentException("invalid hyperparameters for " + family.id() + ": "
                        + p.mkString("; "));
            });
            ModelSpec refSpec = new ModelSpec(family.id(), INPUTS, OUTPUTS, DType.F64, hyper);
            Network refNet = family.create(refSpec, referenceBackend, 11);
            Batch batch = TestData.oneBatch(TestData.random(23, INPUTS, OUTPUTS, 5, 2, 4));
            Loss loss = Losses.of(Losses.SOFTMAX_CE);
            LossAndGradients refGrads = SequenceGradients.bptt().compute(ref, refNet, refNet.parameters(), batch,
                    loss, 3L);
            List<Tensor> refOut = SequenceGradients.outputs(ref, refNet, refNet.parameters(), batch, false, 3L);
            for (DType d : dtypes()) {
                Ops ops = backend.ops();
                double tol = tolerances.get(d) * familyFactor;
                ModelSpec spec = new ModelSpec(family.id(), INPUTS, OUTPUTS, d, hyper);
                Network net = family.create(spec, backend, 11);
                Map<String, Tensor> params = new LinkedHashMap<>();
                refNet.parameters().forEach((name, t) -> params.put(name,
                        ops.fromArray(d, t.shape(), t.toDoubleArray())));
                net.setParameters(params);
                Map<String, Tensor> own = net.parameters();
                List<Tensor> out = SequenceGradients.outputs(ops, net, own, batch, false, 3L);
                assertEquals(refOut.size(), out.size(), family.id() + ": number of outputs");
                double worst = 0;
                for (int t = 0; t < out.size(); t++) {
                    worst = Math.max(worst, agree(family.id() + " " + d + " output " + t, out.get(t), refOut.get(t),
                            d, tol));
                }
                LossAndGradients grads = SequenceGradients.bptt().compute(ops, net, own, batch, loss, 3L);
                double lossError = Math.abs(grads.loss() - refGrads.loss()) / (1 + Math.abs(refGrads.loss()));
                assertTrue(lossError <= tol, family.id() + " " + d + ": loss " + grads.loss() + " vs "
                        + refGrads.loss());
                assertEquals(refGrads.gradients().keySet(), grads.gradients().keySet(), family.id() + ": gradients");
                for (String name : refGrads.gradients().keySet()) {
                    worst = Math.max(worst, agree(family.id() + " " + d + " gradient " + name,
                            grads.gradients().get(name), refGrads.gradients().get(name), d, tol));
                }
                System.out.printf("%s on %s %s: forward and BPTT max error %.3g (loss %.3g), bound %.1g%n",
                        family.id(), backend.id(), d, worst, lossError, tol);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private List<DType> dtypes() {
        List<DType> out = new ArrayList<>();
        for (DType d : tolerances.keySet()) {
            if (backend.dtypes().contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private void forEachDtype(String group, BiFunctionConsumer body) {
        List<DType> ds = dtypes();
        assertFalse(ds.isEmpty(), "no dtype to check");
        for (DType d : ds) {
            Checker c = new Checker(d, tolerances.get(d), new SplittableRandom(d.ordinal() * 7919L + group.hashCode()));
            body.accept(d, c);
            System.out.printf("%s %s %s: %d results, max error %.3g (%s), bound %.1g%n", backend.id(), d, group,
                    c.count, c.worst, c.worstName, c.tolerance);
        }
    }

    private static double agree(String name, Tensor actual, Tensor expected, DType dtype, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), name + ": shape");
        assertEquals(dtype, actual.dtype(), name + ": dtype");
        double[] x = actual.toDoubleArray();
        double[] r = expected.toDoubleArray();
        double scale = 1;
        double diff = 0;
        for (int i = 0; i < r.length; i++) {
            scale = Math.max(scale, 1 + Math.abs(r[i]));
            diff = Math.max(diff, Double.isNaN(x[i]) ? Double.POSITIVE_INFINITY : Math.abs(x[i] - r[i]));
        }
        double error = diff / scale;
        assertTrue(error <= tolerance, name + ": error " + error + " above " + tolerance);
        return error;
    }

    @FunctionalInterface
    private interface BiFunctionConsumer {
        void accept(DType dtype, Checker checker);
    }

    /** The same values on the backend under test (in the dtype checked) and on the reference (f64). */
    private record Pair(Tensor test, Tensor ref) {
    }

    private final class Checker {
        final DType dtype;
        final double tolerance;
        final SplittableRandom random;
        int count;
        double worst;
        String worstName = "-";

        Checker(DType dtype, double tolerance, SplittableRandom random) {
            this.dtype = dtype;
            this.tolerance = tolerance;
            this.random = random;
        }

        double[] values(int n, double lo, double hi) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextDouble(lo, hi);
            }
            return v;
        }

        Pair of(Shape s, double[] v) {
            return new Pair(backend.ops().fromArray(dtype, s, v), ref.fromArray(DType.F64, s, v));
        }

        Pair random(Shape s, double lo, double hi) {
            return of(s, values(s.size(), lo, hi));
        }

        Pair awayFromZero(Shape s) {
            double[] v = values(s.size(), 0.5, 2);
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? v[i] : -v[i];
            }
            return of(s, v);
        }

        /** Values drawn from {@code {-1, -0.5, 0, 0.5, 1}}. */
        Pair steps(Shape s) {
            double[] v = new double[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (random.nextInt(5) - 2) * 0.5;
            }
            return of(s, v);
        }

        /** {@code f} of the broadcast reference operands, computed on the host, as a reference tensor. */
        Tensor host(Pair a, Pair b, java.util.function.DoubleBinaryOperator f) {
            Shape out = Shape.broadcast(a.ref.shape(), b.ref.shape());
            double[] x = ref.add(ref.zeros(DType.F64, out), a.ref).toDoubleArray();
            double[] y = ref.add(ref.zeros(DType.F64, out), b.ref).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = f.applyAsDouble(x[i], y[i]);
            }
            return ref.fromArray(DType.F64, out, x);
        }

        Pair mask(Shape s) {
            double[] v = new double[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? 1 : 0;
            }
            return of(s, v);
        }

        Tensor upload(Tensor reference) {
            return backend.ops().fromArray(dtype, reference.shape(), reference.toDoubleArray());
        }

        void check(String name, Tensor actual, Tensor expected) {
            double e = agree(backend.id() + " " + dtype + " " + name, actual, expected, dtype, tolerance);
            count++;
            if (e >= worst) {
                worst = e;
                worstName = name;
            }
        }

        void checkAll(String name, List<Tensor> actual, List<Tensor> expected) {
            assertEquals(expected.size(), actual.size(), name + ": number of results");
            for (int i = 0; i < expected.size(); i++) {
                check(name + " [" + i + "]", actual.get(i), expected.get(i));
            }
        }
    }
}
