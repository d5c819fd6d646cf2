package io.engram.backend.cpu.internal;

import static io.engram.backend.cpu.internal.BinaryRows.ADD;
import static io.engram.backend.cpu.internal.BinaryRows.DIV;
import static io.engram.backend.cpu.internal.BinaryRows.GE;
import static io.engram.backend.cpu.internal.BinaryRows.GT;
import static io.engram.backend.cpu.internal.BinaryRows.MAX;
import static io.engram.backend.cpu.internal.BinaryRows.MIN;
import static io.engram.backend.cpu.internal.BinaryRows.MUL;
import static io.engram.backend.cpu.internal.BinaryRows.SUB;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * The op vocabulary on {@link CpuTensor}s. {@code + - * /} run in the dtype's own IEEE arithmetic;
 * {@code log} computes in double and rounds once to the dtype, as do {@code exp}, {@code tanh} and
 * {@code sigmoid} in f64, while in f32 these three are {@link Float32Math}'s (within a few units in
 * the last place), as in every f32 kernel; reductions accumulate in double. Large elementwise ops
 * (their loops in {@link BinaryRows} for the binary ones) are split across the backend's pool as
 * {@link PoolSchedule} cuts them, each matrix product runs where {@link Gemm} chooses (the Java
 * GEMM or the native BLAS, split over the pool or whole), and the fused recurrent kernels are
 * {@link FusedCells}.
 *
 * <p>Thread-safe: an instance holds no mutable state except per-thread scratch buffers and
 * per-thread workspaces ({@link Arena}), so independent computations may run on it from many
 * threads at once. Every op returns a tensor with its own array (a reshape shares its input's
 * immutable array), fresh or, inside a workspace, recycled from one that closed.
 */
public final class CpuOps implements Ops {
    private final Gemm gemm;
    private final PoolSchedule schedule;
    private final FusedCells fused;
    private final ThreadLocal<Arena> arenas = ThreadLocal.withInitial(Arena::new);

    /** Ops whose products all run on the Java GEMM. */
    public CpuOps(Parallel parallel) {
        this(parallel, false, false);
    }

    /**
     * Ops whose f32 (f64) products of at least {@link Gemm#NATIVE_MIN_MACS} multiply-adds run on the
     * native BLAS when {@code nativeF32} ({@code nativeF64}) is set; the caller checks
     * {@link #nativeBlasAvailable()} first.
     */
    public CpuOps(Parallel parallel, boolean nativeF32, boolean nativeF64) {
        this(parallel, nativeF32, nativeF64 ? Gemm.NATIVE_MIN_MACS : BlasSelection.NEVER);
    }

    /**
     * Ops whose f32 products of at least {@link Gemm#NATIVE_MIN_MACS} multiply-adds run on the native
     * BLAS when {@code nativeF32} is set, and whose f64 products do from {@code f64NativeFrom}
     * multiply-adds ({@link Long#MAX_VALUE}: never); the caller checks {@link #nativeBlasAvailable()} first.
     */
    public CpuOps(Parallel parallel, boolean nativeF32, long f64NativeFrom) {
        this(parallel, nativeF32, f64NativeFrom, NativeBlas.threads() == 1);
    }

    /**
     * As {@link #CpuOps(Parallel, boolean, boolean)}, told whether OpenBLAS runs each call on one
     * thread (then large native products are split over the pool).
     */
    CpuOps(Parallel parallel, boolean nativeF32, boolean nativeF64, boolean blasSingleThreaded) {
        this(parallel, nativeF32, nativeF64 ? Gemm.NATIVE_MIN_MACS : BlasSelection.NEVER, blasSingleThreaded);
    }

    private CpuOps(Parallel parallel, boolean nativeF32, long f64NativeFrom, boolean blasSingleThreaded) {
        boolean bound = NativeBlas.available();
        this.gemm = new Gemm(parallel, nativeF32 && bound, bound ? f64NativeFrom : BlasSelection.NEVER,
                blasSingleThreaded);
        this.schedule = new PoolSchedule(parallel);
        this.fused = new FusedCells(this);
    }

    /** Whether a native BLAS is bound in this class loader (see {@link NativeBlas}). */
    public static boolean nativeBlasAvailable() {
        return NativeBlas.available();
    }

    /** Why no native BLAS is bound; empty when one is. */
    public static String nativeBlasProblem() {
        if (NativeBlas.available()) {
            return "";
        }
        return "bundled: " + NativeBlas.problem(BlasLibrary.BUNDLED) + "; system: " + NativeBlas.problem(BlasLibrary.SYSTEM);
    }

    /** One line naming the implementation of each dtype's products. */
    public String gemmDescription() {
        return gemm.description();
    }

    /** The choice of implementation for each product and the splitting of large native ones. */
    Gemm gemm() {
        return gemm;
    }

    /** How work is cut over the backend's pool. */
    PoolSchedule schedule() {
        return schedule;
    }

    // ---- memory --------------------------------------------------------------------------

    /**
     * Opens a workspace on the calling thread. Arrays of tensors made in it and not kept go to a
     * per-thread pool when it closes and are handed, zeroed, to later tensors of the same length.
     */
    @Override
    public Workspace workspace() {
        return arenas.get().open();
    }

    /** A zeroed tensor for an op's output: from the innermost open workspace's pool, else fresh. */
    CpuTensor alloc(DType dtype, Shape shape) {
        return alloc(dtype, shape, true);
    }

    /**
     * A tensor for the output of an op that writes every one of its elements: like
     * {@link #alloc(DType, Shape)}, but an array from the pool is not zeroed first.
     */
    CpuTensor output(DType dtype, Shape shape) {
        return alloc(dtype, shape, false);
    }

    private CpuTensor alloc(DType dtype, Shape shape, boolean zeroed) {
        Arena arena = arenas.get();
        Arena.Region region = arena.top();
        if (region == null) {
            return CpuTensor.zeros(dtype, shape);
        }
        int n = shape.size();
        if (dtype == DType.F64) {
            double[] a = arena.doubles(n, zeroed);
            region.adopt(a);
            return new CpuTensor(shape, a, region);
        }
        float[] a = arena.floats(n, zeroed);
        region.adopt(a);
        return new CpuTensor(shape, a, region);
    }

    /** Allocations served from this thread's pool so far. */
    long reusedOnThisThread() {
        return arenas.get().reused();
    }

    // ---- creation ------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return alloc(Objects.requireNonNull(dtype, "dtype"), Objects.requireNonNull(shape, "shape"));
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        CpuTensor t = output(dtype, shape);
        if (t.f64 != null) {
            java.util.Arrays.fill(t.f64, value);
        } else {
            java.util.Arrays.fill(t.f32, (float) value);
        }
        return t;
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        checkLength(shape, values.length);
        CpuTensor t = output(dtype, shape);
        if (t.f64 != null) {
            System.arraycopy(values, 0, t.f64, 0, values.length);
        } else {
            for (int i = 0; i < values.length; i++) {
                t.f32[i] = (float) values[i];
            }
        }
        return t;
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        checkLength(shape, values.length);
        CpuTensor t = output(dtype, shape);
        if (t.f32 != null) {
            System.arraycopy(values, 0, t.f32, 0, values.length);
        } else {
            for (int i = 0; i < values.length; i++) {
                t.f64[i] = values[i];
            }
        }
        return t;
    }

    private static void checkLength(Shape shape, int length) {
        if (shape.size() != length) {
            throw new IllegalArgumentException(length + " values for shape " + shape + " of size " + shape.size());
        }
    }

    // ---- linear algebra ------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        CpuTensor x = CpuTensor.of(a);
        CpuTensor y = CpuTensor.of(b);
        sameDtype("matmul", x, y);
        if (x.shape.rank() != 2 || y.shape.rank() != 2) {
            throw new IllegalArgumentException("matmul needs rank-2 operands, got " + x.shape + " and " + y.shape);
        }
        int m = transposeA ? x.shape.dim(1) : x.shape.dim(0);
        int k = transposeA ? x.shape.dim(0) : x.shape.dim(1);
        int k2 = transposeB ? y.shape.dim(1) : y.shape.dim(0);
        int n = transposeB ? y.shape.dim(0) : y.shape.dim(1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner extents differ: " + x.shape + (transposeA ? "^T" : "")
                    + " @ " + y.shape + (transposeB ? "^T" : ""));
        }
        if (gemm.runsNative(x.dtype, m, n, k)) {
            // the native product overwrites its output (beta = 0), which therefore need not be zeroed first
            CpuTensor c = alloc(x.dtype, Shape.of(m, n), false);
            gemm.nativeProduct(x, y, c, m, n, k, transposeA, transposeB);
            return c;
        }
        CpuTensor c = alloc(x.dtype, Shape.of(m, n));
        gemm.gemmInto(x, y, c, m, n, k, transposeA, transposeB);
        return c;
    }

    /** One product per batch entry, each into its block of a zeroed output. */
    @Override
    public Tensor batchedMatmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        CpuTensor x = CpuTensor.of(a);
        CpuTensor y = CpuTensor.of(b);
        sameDtype("batchedMatmul", x, y);
        if (x.shape.rank() != 3 || y.shape.rank() != 3 || x.shape.dim(0) != y.shape.dim(0)) {
            throw new IllegalArgumentException("batchedMatmul needs rank-3 operands of one batch extent, got "
                    + x.shape + " and " + y.shape);
        }
        int batch = x.shape.dim(0);
        int m = transposeA ? x.shape.dim(2) : x.shape.dim(1);
        int k = transposeA ? x.shape.dim(1) : x.shape.dim(2);
        int k2 = transposeB ? y.shape.dim(2) : y.shape.dim(1);
        int n = transposeB ? y.shape.dim(1) : y.shape.dim(2);
        if (k != k2) {
            throw new IllegalArgumentException("batchedMatmul: inner extents differ: " + x.shape
                    + (transposeA ? "^T" : "") + " @ " + y.shape + (transposeB ? "^T" : ""));
        }
        CpuTensor c = alloc(x.dtype, Shape.of(batch, m, n));
        for (int i = 0; i < batch && k > 0; i++) {
            if (x.dtype == DType.F64) {
                gemm.gemm64(x.f64, i * m * k, y.f64, i * k * n, c.f64, i * m * n, m, n, k, transposeA, transposeB);
            } else {
                gemm.gemm32(x.f32, i * m * k, y.f32, i * k * n, c.f32, i * m * n, m, n, k, transposeA, transposeB);
            }
        }
        return c;
    }

    // ---- elementwise ---------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary(ADD, a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary(SUB, a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary(MUL, a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary(DIV, a, b);
    }

    private Tensor binary(int op, Tensor a, Tensor b) {
        CpuTensor x = CpuTensor.of(a);
        CpuTensor y = CpuTensor.of(b);
        sameDtype("elementwise op", x, y);
        Shape outShape = Shape.broadcast(x.shape, y.shape);
        CpuTensor out = output(x.dtype, outShape);
        int n = outShape.size();
        if (x.shape.equals(y.shape)) {
            schedule.chunks(n, (from, to) -> {
                if (out.f64 != null) {
                    BinaryRows.sameShape64(op, x.f64, y.f64, out.f64, from, to);
                } else {
                    BinaryRows.sameShape32(op, x.f32, y.f32, out.f32, from, to);
                }
            });
            return out;
        }
        Broadcast.Rows rows = Broadcast.rows(outShape, x.shape, y.shape);
        if (rows != null && out.f32 != null) {
            int len = rows.length();
            for (int r = 0; r < rows.rows(); r++) {
                BinaryRows.row32(op, x.f32, rows.start(0, r), rows.along()[0], y.f32, rows.start(1, r), rows.along()[1], out.f32,
                        r * len, len);
            }
            return out;
        }
        Broadcast.forEachRow(outShape, new Shape[] {x.shape, y.shape}, (o, in, stride, len) -> {
            if (out.f64 != null) {
                BinaryRows.row64(op, x.f64, in[0], stride[0], y.f64, in[1], stride[1], out.f64, o, len);
            } else {
                BinaryRows.row32(op, x.f32, in[0], stride[0], y.f32, in[1], stride[1], out.f32, o, len);
            }
        });
        return out;
    }

    /** A range {@code [from, to)} of flat indices. */
    static final int SCALE = 0;
    static final int ADD_SCALAR = 1;
    static final int TANH = 2;
    static final int SIGMOID = 3;
    static final int RELU = 4;
    static final int EXP = 5;
    static final int LOG = 6;
    static final int SQRT = 7;
    static final int ABS = 8;
    static final int SIGN = 9;

    /** The logistic function {@code 1 / (1 + e^-x)}, the one definition every kernel uses. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double unary(int op, double x, double c) {
        switch (op) {
            case SCALE: return c * x;
            case ADD_SCALAR: return x + c;
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x > 0 ? x : 0.0;
            case EXP: return Math.exp(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            default: return Math.log(x);
        }
    }

    private Tensor unary(int op, Tensor a, double c) {
        CpuTensor x = CpuTensor.of(a);
        CpuTensor out = output(x.dtype, x.shape);
        schedule.chunks(out.size(), (from, to) -> {
            if (out.f64 != null) {
                double[] p = x.f64;
                double[] o = out.f64;
                for (int i = from; i < to; i++) {
                    o[i] = unary(op, p[i], c);
                }
            } else if (op == TANH || op == SIGMOID || op == EXP) {
                System.arraycopy(x.f32, from, out.f32, from, to - from);
                if (op == TANH) {
                    Float32Math.tanh(out.f32, from, to);
                } else if (op == SIGMOID) {
                    Float32Math.sigmoid(out.f32, from, to);
                } else {
                    Float32Math.exp(out.f32, from, to);
                }
            } else {
                float[] p = x.f32;
                float[] o = out.f32;
                for (int i = from; i < to; i++) {
                    o[i] = (float) unary(op, p[i], c);
                }
            }
        });
        return out;
    }

    @Override
    public Tensor scale(Tensor a, double alpha) {
        return unary(SCALE, a, alpha);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return unary(ADD_SCALAR, a, beta);
    }

    @Override
    public Tensor tanh(Tensor a) {
        return unary(TANH, a, 0);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return unary(SIGMOID, a, 0);
    }

    @Override
    public Tensor relu(Tensor a) {
        return unary(RELU, a, 0);
    }

    @Override
    public Tensor exp(Tensor a) {
        return unary(EXP, a, 0);
    }

    @Override
    public Tensor log(Tensor a) {
        return unary(LOG, a, 0);
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return unary(SQRT, a, 0);
    }

    @Override
    public Tensor abs(Tensor a) {
        return unary(ABS, a, 0);
    }

    @Override
    public Tensor sign(Tensor a) {
        return unary(SIGN, a, 0);
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return binary(MAX, a, b);
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return binary(MIN, a, b);
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return binary(GT, a, b);
    }

    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return binary(GE, a, b);
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        CpuTensor m = CpuTensor.of(mask);
        CpuTensor x = CpuTensor.of(a);
        CpuTensor y = CpuTensor.of(b);
        sameDtype("where", x, y);
        Shape outShape = Shape.broadcast(Shape.broadcast(m.shape, x.shape), y.shape);
        CpuTensor out = output(x.dtype, outShape);
        Broadcast.Rows rows = Broadcast.rows(outShape, m.shape, x.shape, y.shape);
        if (rows != null && rows.along()[0] == 0) {
            int len = rows.length();
            for (int r = 0; r < rows.rows(); r++) {
                boolean first = m.get(rows.start(0, r)) != 0;
                copyRow(first ? x : y, rows.start(first ? 1 : 2, r), rows.along()[first ? 1 : 2], out, r * len, len);
            }
            return out;
        }
        Broadcast.forEachRow(outShape, new Shape[] {m.shape, x.shape, y.shape}, (o, in, stride, len) -> {
            int im = in[0];
            int ia = in[1];
            int ib = in[2];
            if (stride[0] == 0) {
                boolean first = m.get(im) != 0;
                copyRow(first ? x : y, first ? ia : ib, first ? stride[1] : stride[2], out, o, len);
                return;
            }
            for (int j = 0; j < len; j++, im += stride[0], ia += stride[1], ib += stride[2]) {
                out.set(o + j, m.get(im) != 0 ? x.get(ia) : y.get(ib));
            }
        });
        return out;
    }

    /** {@code out[o + j] = x[i + j * stride]} for {@code j < len}, {@code x} and {@code out} of one dtype. */
    private static void copyRow(CpuTensor x, int i, int stride, CpuTensor out, int o, int len) {
        if (stride == 1) {
            System.arraycopy(x.array(), i, out.array(), o, len);
        } else if (stride == 0 && out.f32 != null) {
            java.util.Arrays.fill(out.f32, o, o + len, x.f32[i]);
        } else if (stride == 0) {
            java.util.Arrays.fill(out.f64, o, o + len, x.f64[i]);
        } else {
            for (int j = 0; j < len; j++) {
                out.set(o + j, x.get(i + j * stride));
            }
        }
    }

    // ---- along an axis -------------------------------------------------------------------

    /** Extents before, along and after an axis: the tensor seen as {@code [outer, len, inner]}. */
    private static int[] split(Shape s, int axis) {
        int ax = s.normalizeAxis(axis);
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= s.dim(d);
        }
        int inner = 1;
        for (int d = ax + 1; d < s.rank(); d++) {
            inner *= s.dim(d);
        }
        return new int[] {outer, s.dim(ax), inner, ax};
    }

    @Override
    public Tensor softmax(Tensor a, int axis) {
        return softmax(CpuTensor.of(a), axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        return softmax(CpuTensor.of(a), axis, true);
    }

    private Tensor softmax(CpuTensor x, int axis, boolean log) {
        int[] s = split(x.shape, axis);
        int outer = s[0];
        int len = s[1];
        int inner = s[2];
        CpuTensor out = output(x.dtype, x.shape);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < len; l++) {
                    max = Math.max(max, x.get(base + l * inner));
                }
                double total = 0;
                for (int l = 0; l < len; l++) {
                    total += Math.exp(x.get(base + l * inner) - max);
                }
                double logTotal = Math.log(total);
                for (int l = 0; l < len; l++) {
                    double shifted = x.get(base + l * inner) - max;
                    out.set(base + l * inner, log ? shifted - logTotal : Math.exp(shifted) / total);
                }
            }
        }
        return out;
    }

    /** Running sums along the axis, accumulated in f64 in both dtypes. */
    @Override
    public Tensor cumsum(Tensor a, int axis) {
        CpuTensor x = CpuTensor.of(a);
        int[] s = split(x.shape, axis);
        int outer = s[0];
        int len = s[1];
        int inner = s[2];
        CpuTensor out = output(x.dtype, x.shape);
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int l = 0; l < len; l++) {
                int base = (o * len + l) * inner;
                for (int in = 0; in < inner; in++) {
                    acc[in] += x.get(base + in);
                    out.set(base + in, acc[in]);
                }
            }
        }
        return out;
    }

    @Override
    public Tensor sum(Tensor a, int axis) {
        return reduce(CpuTensor.of(a), axis, false);
    }

    @Override
    public Tensor mean(Tensor a, int axis) {
        return reduce(CpuTensor.of(a), axis, true);
    }

    private Tensor reduce(CpuTensor x, int axis, boolean mean) {
        int[] s = split(x.shape, axis);
        int outer = s[0];
        int len = s[1];
        int inner = s[2];
        CpuTensor out = output(x.dtype, x.shape.without(s[3]));
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                double acc = 0.0;
                int base = o * len;
                if (x.f32 != null) {
                    float[] v = x.f32;
                    for (int l = 0; l < len; l++) {
                        acc += v[base + l];
                    }
                } else {
                    double[] v = x.f64;
                    for (int l = 0; l < len; l++) {
                        acc += v[base + l];
                    }
                }
                out.set(o, mean ? acc / len : acc);
            }
            return out;
        }
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int l = 0; l < len; l++) {
                int base = (o * len + l) * inner;
                if (x.f32 != null) {
                    float[] v = x.f32;
                    for (int in = 0; in < inner; in++) {
                        acc[in] += v[base + in];
                    }
                } else {
                    double[] v = x.f64;
                    for (int in = 0; in < inner; in++) {
                        acc[in] += v[base + in];
                    }
                }
            }
            for (int in = 0; in < inner; in++) {
                out.set(o * inner + in, mean ? acc[in] / len : acc[in]);
            }
        }
        return out;
    }

    @Override
    public Tensor sumAll(Tensor a) {
        CpuTensor x = CpuTensor.of(a);
        double total = 0;
        int n = x.size();
        if (x.f32 != null) {
            float[] v = x.f32;
            for (int i = 0; i < n; i++) {
                total += v[i];
            }
        } else {
            double[] v = x.f64;
            for (int i = 0; i < n; i++) {
                total += v[i];
            }
        }
        CpuTensor out = output(x.dtype, Shape.scalar());
        out.set(0, total);
        return out;
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one part");
        }
        CpuTensor first = CpuTensor.of(parts.get(0));
        int ax = first.shape.normalizeAxis(axis);
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            CpuTensor t = CpuTensor.of(parts.get(p));
            sameDtype("concat", first, t);
            if (t.shape.rank() != first.shape.rank()
                    || !t.shape.with(ax, 0).equals(first.shape.with(ax, 0))) {
                throw new IllegalArgumentException("concat along axis " + axis + ": part " + p + " has shape "
                        + t.shape + ", part 0 has " + first.shape);
            }
            total += t.shape.dim(ax);
        }
        Shape outShape = first.shape.with(ax, total);
        CpuTensor out = output(first.dtype, outShape);
        int[] s = split(outShape, ax);
        int outer = s[0];
        int inner = s[2];
        int offset = 0;
        for (Tensor part : parts) {
            CpuTensor t = CpuTensor.of(part);
            int len = t.shape.dim(ax);
            int block = len * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.array(), o * block, out.array(), (o * total + offset) * inner, block);
            }
            offset += len;
        }
        return out;
    }

    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        CpuTensor x = CpuTensor.of(a);
        int[] s = split(x.shape, axis);
        int len = s[1];
        if (from < 0 || to < from || to > len) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of range for extent " + len
                    + " of axis " + axis + " in " + x.shape);
        }
        int outer = s[0];
        int inner = s[2];
        CpuTensor out = output(x.dtype, x.shape.with(s[3], to - from));
        int block = (to - from) * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.array(), (o * len + from) * inner, out.array(), o * block, block);
        }
        return out;
    }

    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        CpuTensor x = CpuTensor.of(a);
        int[] s = split(x.shape, axis);
        int outer = s[0];
        int len = s[1];
        int inner = s[2];
        checkIndices("gather", indices, len);
        CpuTensor out = output(x.dtype, x.shape.with(s[3], indices.length));
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < indices.length; q++) {
                System.arraycopy(x.array(), (o * len + indices[q]) * inner, out.array(),
                        (o * indices.length + q) * inner, inner);
            }
        }
        return out;
    }

    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        CpuTensor x = CpuTensor.of(a);
        int[] s = split(x.shape, axis);
        int outer = s[0];
        int len = s[1];
        int inner = s[2];
        if (len != indices.length) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices for extent " + len
                    + " of axis " + axis + " in " + x.shape);
        }
        checkIndices("scatterAdd", indices, size);
        CpuTensor out = alloc(x.dtype, x.shape.with(s[3], size));
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < len; q++) {
                int src = (o * len + q) * inner;
                int dst = (o * size + indices[q]) * inner;
                if (out.f64 != null) {
                    for (int in = 0; in < inner; in++) {
                        out.f64[dst + in] += x.f64[src + in];
                    }
                } else {
                    for (int in = 0; in < inner; in++) {
                        out.f32[dst + in] += x.f32[src + in];
                    }
                }
            }
        }
        return out;
    }

    private static void checkIndices(String op, int[] indices, int extent) {
        for (int q = 0; q < indices.length; q++) {
            if (indices[q] < 0 || indices[q] >= extent) {
                throw new IllegalArgumentException(op + ": index " + indices[q] + " at position " + q
                        + " out of range [0, " + extent + ")");
            }
        }
    }

    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        CpuTensor x = CpuTensor.of(a);
        if (shape.size() != x.shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + x.shape + " to " + shape);
        }
        return x.view(shape);
    }

    @Override
    public Tensor transpose(Tensor a) {
        CpuTensor x = CpuTensor.of(a);
        if (x.shape.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a rank-2 tensor, got " + x.shape);
        }
        int rows = x.shape.dim(0);
        int cols = x.shape.dim(1);
        CpuTensor out = output(x.dtype, Shape.of(cols, rows));
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            for (int j0 = 0; j0 < cols; j0 += block) {
                int i1 = Math.min(rows, i0 + block);
                int j1 = Math.min(cols, j0 + block);
                if (out.f64 != null) {
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            out.f64[j * rows + i] = x.f64[i * cols + j];
                        }
                    }
                } else {
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            out.f32[j * rows + i] = x.f32[i * cols + j];
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---- fused ---------------------------------------------------------------------------

    @Override
    public Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        return fused.inputProjection(xs, w, b);
    }

    /** The fused recurrent kernels ({@link FusedCells}). */
    @Override
    public RecurrentKernels kernels() {
        return fused;
    }

    Tensor decomposedInputProjection(Tensor xs, Tensor w, Tensor b) {
        return Ops.super.inputProjection(xs, w, b);
    }

    static void sameDtype(String op, CpuTensor a, CpuTensor b) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + a.dtype + " and " + b.dtype);
        }
    }
}
