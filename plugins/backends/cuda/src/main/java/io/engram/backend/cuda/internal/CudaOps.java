package io.engram.backend.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.List;
import java.util.Objects;
import jcuda.Pointer;

/**
 * The op vocabulary on one CUDA device. Every op runs on the calling thread's {@link Lane}: it
 * checks shapes on the host, allocates its result from the lane's pool and queues kernels on the
 * lane's stream without waiting for them; only reading values back waits. A tensor made on another
 * thread's lane is read after that lane's stream has drained.
 *
 * <p>Thread-safe: each thread has its own lane, made on first use; {@link #release()} ends the
 * calling thread's.
 */
public final class CudaOps implements Ops {
    private static final int OP_ADD = 0;
    private static final int OP_SUB = 1;
    private static final int OP_MUL = 2;
    private static final int OP_DIV = 3;
    private static final int U_SCALE = 0;
    private static final int U_ADD = 1;
    private static final int U_TANH = 2;
    private static final int U_SIGMOID = 3;
    private static final int U_RELU = 4;
    private static final int U_EXP = 5;
    private static final int U_LOG = 6;
    private static final int MAX_RANK = 8;
    private static final int SUM_BLOCKS = 256;

    private final Device device;
    private final Blas.Factory blas;
    private final ThreadLocal<Lane> lanes = new ThreadLocal<>();
    private final RecurrentKernels kernels = new Kernels();

    public CudaOps(Device device, Blas.Factory blas) {
        this.device = device;
        this.blas = blas;
    }

    // ---- lanes --------------------------------------------------------------------------

    Lane lane() {
        Lane l = lanes.get();
        if (l == null || l.released()) {
            l = new Lane(device, blas);
            lanes.set(l);
        }
        return l;
    }

    /** Ends the calling thread's lane (see {@link Lane#release()}). */
    public void release() {
        Lane l = lanes.get();
        if (l != null) {
            lanes.remove();
            l.release();
        }
    }

    /** Bytes a thread allocates between two collections (see {@link Lane}). */
    public long collectAfterBytes() {
        return lane().collectAfterBytes;
    }

    /** Peak device bytes held by the calling thread's live tensors, 0 before its first op. */
    public long peakBytes() {
        Lane l = lanes.get();
        return l == null ? 0 : l.peakBytes();
    }

    private CudaTensor in(Tensor t, Lane lane) {
        Objects.requireNonNull(t, "tensor");
        if (!(t instanceof CudaTensor)) {
            throw new IllegalArgumentException("the cuda backend was given a tensor of another backend ("
                    + t.getClass().getSimpleName() + " " + t.shape() + ")");
        }
        CudaTensor c = (CudaTensor) t;
        Lane owner = c.buffer().lane;
        if (owner != lane && !owner.released()) {
            c.buffer().shared.set(true);
            owner.sync();
        }
        c.pointer();
        return c;
    }

    private CudaTensor make(Lane lane, DType dtype, Shape shape) {
        DeviceBuffer b = lane.allocate(Math.max(1, (long) shape.size() * dtype.bytes()));
        return new CudaTensor(shape, dtype, b);
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype() + " and " + b.dtype() + ")");
        }
    }

    @Override
    public Workspace workspace() {
        return lane().openRegion();
    }

    // ---- creation -----------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        Lane lane = lane();
        CudaTensor t = make(lane, dtype, shape);
        if (shape.size() > 0) {
            cuMemsetD8Async(t.pointer(), (byte) 0, t.bytes(), lane.stream);
        }
        return t;
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        if (value == 0.0 && Double.doubleToRawLongBits(value) == 0L) {
            return zeros(dtype, shape);
        }
        Lane lane = lane();
        CudaTensor t = make(lane, dtype, shape);
        long n = shape.size();
        if (n > 0) {
            Launch.on(lane, "fill", dtype).elements(n).ptr(t).arg(n).scalar(value).run();
        }
        return t;
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        check(shape, values.length);
        if (dtype == DType.F32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return upload(dtype, shape, Pointer.to(f));
        }
        return upload(dtype, shape, Pointer.to(values));
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        check(shape, values.length);
        if (dtype == DType.F64) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            return upload(dtype, shape, Pointer.to(d));
        }
        return upload(dtype, shape, Pointer.to(values));
    }

    private static void check(Shape shape, int length) {
        if (shape.size() != length) {
            throw new IllegalArgumentException("fromArray: " + length + " values for shape " + shape + " of size "
                    + shape.size());
        }
    }

    /** Copies from pageable host memory: the driver stages the values before the call returns. */
    private Tensor upload(DType dtype, Shape shape, Pointer host) {
        Lane lane = lane();
        CudaTensor t = make(lane, dtype, shape);
        if (shape.size() > 0) {
            cuMemcpyHtoDAsync(t.pointer(), host, t.bytes(), lane.stream);
        }
        return t;
    }

    /** Indices on the device, in a block of the lane's pool; the caller keeps it reachable until its kernel is queued. */
    private DeviceBuffer uploadInts(Lane lane, int[] values) {
        DeviceBuffer b = lane.allocate(Math.max(4L, 4L * values.length));
        if (values.length > 0) {
            cuMemcpyHtoDAsync(b.ptr, Pointer.to(values), 4L * values.length, lane.stream);
        }
        return b;
    }

    // ---- linear algebra -----------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul: rank-2 operands expected, got " + a.shape() + " and "
                    + b.shape());
        }
        sameDtype("matmul", a, b);
        int m = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int kb = transposeB ? b.dim(1) : b.dim(0);
        int n = transposeB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner extents differ: " + a.shape() + (transposeA ? "^T" : "")
                    + " @ " + b.shape() + (transposeB ? "^T" : ""));
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        CudaTensor y = in(b, lane);
        CudaTensor out = make(lane, a.dtype(), Shape.of(m, n));
        gemmInto(lane, x, transposeA, y, transposeB, m, n, k, out, 0.0);
        return out;
    }

    /** {@code out = op(x) op(y) + beta out} for dense row-major operands. */
    private void gemmInto(Lane lane, CudaTensor x, boolean tx, CudaTensor y, boolean ty, int m, int n, int k,
            CudaTensor out, double beta) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0.0) {
                cuMemsetD8Async(out.pointer(), (byte) 0, (long) m * n * out.dtype().bytes(), lane.stream);
            }
            return;
        }
        lane.blas().gemm(out.dtype(), tx, ty, m, n, k, 1.0, x.pointer(), x.dim(1), y.pointer(), y.dim(1), beta,
                out.pointer(), n);
    }

    // ---- elementwise --------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", OP_ADD, a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", OP_SUB, a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", OP_MUL, a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("div", OP_DIV, a, b);
    }

    private Tensor binary(String name, int op, Tensor a, Tensor b) {
        sameDtype(name, a, b);
        Shape shape = Shape.broadcast(a.shape(), b.shape());
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        CudaTensor y = in(b, lane);
        CudaTensor out = make(lane, a.dtype(), shape);
        long n = shape.size();
        if (n == 0) {
            return out;
        }
        DType dt = a.dtype();
        if (a.shape().equals(shape) && b.shape().equals(shape)) {
            Launch.on(lane, "binary_same", dt).elements(n).arg(op).ptr(x).ptr(y).ptr(out).arg(n).run();
        } else if (a.shape().equals(shape) && isRowOf(b.shape(), shape)) {
            Launch.on(lane, "binary_row", dt).elements(n).arg(op).ptr(x).ptr(y).ptr(out).arg(n)
                    .arg((long) shape.dim(-1)).arg(0).run();
        } else if (b.shape().equals(shape) && isRowOf(a.shape(), shape)) {
            Launch.on(lane, "binary_row", dt).elements(n).arg(op).ptr(y).ptr(x).ptr(out).arg(n)
                    .arg((long) shape.dim(-1)).arg(1).run();
        } else {
            Launch.on(lane, "binary_bcast", dt).elements(n).arg(op).ptr(x).ptr(y).ptr(out).arg(n)
                    .struct(bcast(shape, a.shape(), b.shape(), null)).run();
        }
        return out;
    }

    /** Whether {@code s} is the last extent of {@code full} alone ({@code [n]} or {@code [1, .., n]}). */
    private static boolean isRowOf(Shape s, Shape full) {
        if (full.rank() == 0 || s.size() != full.dim(-1)) {
            return false;
        }
        for (int d = 0; d < s.rank() - 1; d++) {
            if (s.dim(d) != 1) {
                return false;
            }
        }
        return s.rank() >= 1 && s.dim(-1) == full.dim(-1) && s.rank() <= full.rank();
    }

    /** The {@code Bcast} structure: rank, output extents, and each operand's strides (0 where broadcast). */
    private static int[] bcast(Shape out, Shape a, Shape b, Shape c) {
        int rank = out.rank();
        if (rank > MAX_RANK) {
            throw new IllegalArgumentException("the cuda backend broadcasts up to rank " + MAX_RANK + ", got " + out);
        }
        int[] s = new int[1 + 4 * MAX_RANK];
        s[0] = rank;
        for (int d = 0; d < rank; d++) {
            s[1 + d] = out.dim(d);
        }
        strides(out, a, s, 1 + MAX_RANK);
        strides(out, b, s, 1 + 2 * MAX_RANK);
        if (c != null) {
            strides(out, c, s, 1 + 3 * MAX_RANK);
        }
        return s;
    }

    private static void strides(Shape out, Shape in, int[] s, int at) {
        int shift = out.rank() - in.rank();
        int stride = 1;
        for (int d = in.rank() - 1; d >= 0; d--) {
            s[at + d + shift] = in.dim(d) == 1 ? 0 : stride;
            stride *= in.dim(d);
        }
    }

    @Override
    public Tensor scale(Tensor a, double alpha) {
        return unary(U_SCALE, a, alpha);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return unary(U_ADD, a, beta);
    }

    @Override
    public Tensor tanh(Tensor a) {
        return unary(U_TANH, a, 0);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return unary(U_SIGMOID, a, 0);
    }

    @Override
    public Tensor relu(Tensor a) {
        return unary(U_RELU, a, 0);
    }

    @Override
    public Tensor exp(Tensor a) {
        return unary(U_EXP, a, 0);
    }

    @Override
    public Tensor log(Tensor a) {
        return unary(U_LOG, a, 0);
    }

    private Tensor unary(int op, Tensor a, double p) {
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        CudaTensor out = make(lane, a.dtype(), a.shape());
        long n = a.shape().size();
        if (n > 0) {
            Launch.on(lane, "unary", a.dtype()).elements(n).arg(op).ptr(x).ptr(out).arg(n).real(p).run();
        }
        return out;
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        sameDtype("where", a, b);
        sameDtype("where", mask, a);
        Shape shape = Shape.broadcast(Shape.broadcast(mask.shape(), a.shape()), b.shape());
        Lane lane = lane();
        CudaTensor m = in(mask, lane);
        CudaTensor x = in(a, lane);
        CudaTensor y = in(b, lane);
        CudaTensor out = make(lane, a.dtype(), shape);
        long n = shape.size();
        if (n > 0) {
            Launch.on(lane, "where_bcast", a.dtype()).elements(n).ptr(m).ptr(x).ptr(y).ptr(out).arg(n)
                    .struct(bcast(shape, mask.shape(), a.shape(), b.shape())).run();
        }
        return out;
    }

    // ---- along an axis ------------------------------------------------------------------

    /** {@code [outer, n, inner]} around {@code axis}. */
    private static long[] split(Shape s, int axis) {
        long outer = 1;
        long inner = 1;
        for (int d = 0; d < axis; d++) {
            outer *= s.dim(d);
        }
        for (int d = axis + 1; d < s.rank(); d++) {
            inner *= s.dim(d);
        }
        return new long[] {outer, s.dim(axis), inner};
    }

    @Override
    public Tensor softmax(Tensor a, int axis) {
        return softmax(a, axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        return softmax(a, axis, true);
    }

    private Tensor softmax(Tensor a, int axis, boolean log) {
        int ax = a.shape().normalizeAxis(axis);
        long[] s = split(a.shape(), ax);
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        CudaTensor out = make(lane, a.dtype(), a.shape());
        if (a.shape().size() > 0) {
            Launch.on(lane, "softmax", a.dtype()).elements(s[0] * s[2]).ptr(x).ptr(out).arg(s[0]).arg(s[1]).arg(s[2])
                    .arg(log ? 1 : 0).run();
        }
        return out;
    }

    @Override
    public Tensor sum(Tensor a, int axis) {
        return reduce(a, axis, false);
    }

    @Override
    public Tensor mean(Tensor a, int axis) {
        return reduce(a, axis, true);
    }

    private Tensor reduce(Tensor a, int axis, boolean mean) {
        int ax = a.shape().normalizeAxis(axis);
        long[] s = split(a.shape(), ax);
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        Shape shape = a.shape().without(ax);
        CudaTensor out = make(lane, a.dtype(), shape);
        long n = s[0] * s[2];
        if (n > 0) {
            double scale = mean ? 1.0 / s[1] : 1.0;
            Launch.on(lane, "sum_axis", a.dtype()).elements(n).ptr(x).ptr(out).arg(s[0]).arg(s[1]).arg(s[2])
                    .real(scale).run();
        }
        return out;
    }

    @Override
    public Tensor sumAll(Tensor a) {
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        CudaTensor out = make(lane, a.dtype(), Shape.scalar());
        long n = a.shape().size();
        DeviceBuffer partial = lane.allocate(8L * SUM_BLOCKS);
        Launch.on(lane, "sum_partial", a.dtype()).grid(SUM_BLOCKS, 1).block(256, 1).ptr(x).ptr(partial.ptr).arg(n)
                .run();
        Launch.on(lane, "sum_final", a.dtype()).grid(1, 1).block(256, 1).ptr(partial.ptr).arg(SUM_BLOCKS).ptr(out)
                .run();
        java.lang.ref.Reference.reachabilityFence(partial);
        return out;
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors");
        }
        Tensor first = parts.get(0);
        int ax = first.shape().normalizeAxis(axis);
        int total = 0;
        for (Tensor p : parts) {
            sameDtype("concat", first, p);
            if (p.rank() != first.rank()) {
                throw new IllegalArgumentException("concat: ranks differ: " + first.shape() + " and " + p.shape());
            }
            for (int d = 0; d < first.rank(); d++) {
                if (d != ax && p.dim(d) != first.dim(d)) {
                    throw new IllegalArgumentException("concat along axis " + axis + ": extents differ on axis " + d
                            + ": " + first.shape() + " and " + p.shape());
                }
            }
            total += p.dim(ax);
        }
        Shape shape = first.shape().with(ax, total);
        Lane lane = lane();
        CudaTensor out = make(lane, first.dtype(), shape);
        long[] s = split(shape, ax);
        int at = 0;
        for (Tensor p : parts) {
            CudaTensor x = in(p, lane);
            long cols = (long) p.dim(ax) * s[2];
            copy2d(lane, x.pointer(), 0, cols, out.pointer(), (long) at * s[2], (long) total * s[2], s[0], cols,
                    first.dtype());
            at += p.dim(ax);
        }
        return out;
    }

    /** rows x cols elements from {@code src + srcOff} (row stride srcStride) to {@code dst + dstOff}. */
    private static void copy2d(Lane lane, jcuda.driver.CUdeviceptr src, long srcOff, long srcStride,
            jcuda.driver.CUdeviceptr dst, long dstOff, long dstStride, long rows, long cols, DType dt) {
        if (rows == 0 || cols == 0) {
            return;
        }
        int e = dt.bytes();
        if (srcStride == cols && dstStride == cols) {
            cuMemcpyDtoDAsync(dst.withByteOffset(dstOff * e), src.withByteOffset(srcOff * e), rows * cols * e,
                    lane.stream);
            return;
        }
        Launch.on(lane, "copy2d", dt).elements(rows * cols).ptr(src.withByteOffset(srcOff * e)).arg(srcStride)
                .ptr(dst.withByteOffset(dstOff * e)).arg(dstStride).arg(rows).arg(cols).run();
    }

    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        int ax = a.shape().normalizeAxis(axis);
        int n = a.dim(ax);
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of range for axis " + axis
                    + " of " + a.shape());
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        Shape shape = a.shape().with(ax, to - from);
        CudaTensor out = make(lane, a.dtype(), shape);
        long[] s = split(a.shape(), ax);
        long cols = (long) (to - from) * s[2];
        copy2d(lane, x.pointer(), (long) from * s[2], (long) n * s[2], out.pointer(), 0, cols, s[0], cols, a.dtype());
        return out;
    }

    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        int ax = a.shape().normalizeAxis(axis);
        int n = a.dim(ax);
        for (int q = 0; q < indices.length; q++) {
            if (indices[q] < 0 || indices[q] >= n) {
                throw new IllegalArgumentException("gather: index " + indices[q] + " at position " + q
                        + " out of range [0, " + n + ") on axis " + axis + " of " + a.shape());
            }
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        Shape shape = a.shape().with(ax, indices.length);
        CudaTensor out = make(lane, a.dtype(), shape);
        long total = shape.size();
        if (total > 0) {
            long[] s = split(a.shape(), ax);
            DeviceBuffer idx = uploadInts(lane, indices);
            Launch.on(lane, "gather", a.dtype()).elements(total).ptr(x).ptr(out).ptr(idx.ptr).arg(s[0])
                    .arg((long) indices.length).arg(s[1]).arg(s[2]).run();
            java.lang.ref.Reference.reachabilityFence(idx);
        }
        return out;
    }

    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        int ax = a.shape().normalizeAxis(axis);
        if (a.dim(ax) != indices.length) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices for extent " + a.dim(ax)
                    + " of axis " + axis + " in " + a.shape());
        }
        int[] offsets = new int[size + 1];
        for (int q = 0; q < indices.length; q++) {
            if (indices[q] < 0 || indices[q] >= size) {
                throw new IllegalArgumentException("scatterAdd: index " + indices[q] + " at position " + q
                        + " out of range [0, " + size + ")");
            }
            offsets[indices[q] + 1]++;
        }
        for (int j = 0; j < size; j++) {
            offsets[j + 1] += offsets[j];
        }
        int[] fill = offsets.clone();
        int[] list = new int[indices.length];
        for (int q = 0; q < indices.length; q++) {
            list[fill[indices[q]]++] = q;
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        Shape shape = a.shape().with(ax, size);
        CudaTensor out = make(lane, a.dtype(), shape);
        long total = shape.size();
        if (total > 0) {
            long[] s = split(a.shape(), ax);
            DeviceBuffer off = uploadInts(lane, offsets);
            DeviceBuffer lst = uploadInts(lane, list);
            Launch.on(lane, "scatter_add", a.dtype()).elements(total).ptr(x).ptr(out).ptr(off.ptr).ptr(lst.ptr)
                    .arg(s[0]).arg((long) indices.length).arg((long) size).arg(s[2]).run();
            java.lang.ref.Reference.reachabilityFence(off);
            java.lang.ref.Reference.reachabilityFence(lst);
        }
        return out;
    }

    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        if (shape.size() != a.shape().size()) {
            throw new IllegalArgumentException("reshape: " + a.shape() + " has " + a.shape().size()
                    + " elements, " + shape + " has " + shape.size());
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        return new CudaTensor(shape, a.dtype(), x.buffer());
    }

    @Override
    public Tensor transpose(Tensor a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("transpose: rank-2 tensor expected, got " + a.shape());
        }
        Lane lane = lane();
        CudaTensor x = in(a, lane);
        int rows = a.dim(0);
        int cols = a.dim(1);
        CudaTensor out = make(lane, a.dtype(), Shape.of(cols, rows));
        if (rows > 0 && cols > 0) {
            Launch.on(lane, "transpose", a.dtype()).grid((cols + 31) / 32, (rows + 31) / 32).block(32, 8).ptr(x)
                    .ptr(out).arg(rows).arg(cols).run();
        }
        return out;
    }

    // ---- fused ops ----------------------------------------------------------------------

    @Override
    public Tensor inputProjection(Tensor xs, Tensor w, Tensor b) {
        if (xs.rank() != 2 || w.rank() != 2 || b.rank() != 1 || xs.dim(1) != w.dim(0) || b.dim(0) != w.dim(1)
                || xs.dtype() != w.dtype() || b.dtype() != w.dtype()) {
            return Ops.super.inputProjection(xs, w, b);
        }
        Lane lane = lane();
        CudaTensor x = in(xs, lane);
        CudaTensor wt = in(w, lane);
        CudaTensor bt = in(b, lane);
        int m = xs.dim(0);
        int g = w.dim(1);
        CudaTensor out = make(lane, xs.dtype(), Shape.of(m, g));
        long n = (long) m * g;
        if (n > 0) {
            Launch.on(lane, "bias_rows", xs.dtype()).elements(n).ptr(bt).ptr(out).arg((long) m).arg((long) g).run();
            gemmInto(lane, x, false, wt, false, m, g, xs.dim(1), out, 1.0);
        }
        return out;
    }

    private static boolean matrix(Tensor t, int rows, int cols) {
        return t.rank() == 2 && t.dim(0) == rows && t.dim(1) == cols;
    }

    private static boolean sameDtypes(Tensor... ts) {
        for (Tensor t : ts) {
            if (t.dtype() != ts[0].dtype()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code op(x) op(y)} for a step kernel to add: the GEMM's partial sums when it splits the
     * product along its inner extent, else the product itself as one slab.
     */
    private Blas.Partials product(Lane lane, DType dt, CudaTensor x, boolean tx, CudaTensor y, boolean ty, int m, int n,
            int k) {
        Blas.Partials parts = lane.blas().partials(dt, tx, ty, m, n, k, x.pointer(), x.dim(1), y.pointer(), y.dim(1));
        if (parts != null) {
            return parts;
        }
        CudaTensor out = make(lane, dt, Shape.of(m, n));
        gemmInto(lane, x, tx, y, ty, m, n, k, out, 0.0);
        return new Blas.Partials(out.buffer(), 1);
    }

    /** The fused recurrent steps on the device ({@link Kernels}); sequences run them step by step. */
    @Override
    public RecurrentKernels kernels() {
        return kernels;
    }

    /**
     * The LSTM, GRU and Elman steps and their adjoints as device kernels; other shapes and the
     * recurrences over a sequence decompose (the sequences into these steps).
     */
    private final class Kernels implements RecurrentKernels {
        @Override
        public Ops ops() {
            return CudaOps.this;
        }

        private static boolean lstmShapes(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
            if (h.rank() != 2) {
                return false;
            }
            int batch = h.dim(0);
            int hidden = h.dim(1);
            return matrix(xProj, batch, 4 * hidden) && matrix(c, batch, hidden) && matrix(wh, hidden, 4 * hidden)
                    && sameDtypes(xProj, h, c, wh) && batch > 0 && hidden > 0;
        }

        @Override
        public LstmState lstmStep(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
            if (!lstmShapes(xProj, h, c, wh)) {
                return RecurrentKernels.super.lstmStep(xProj, h, c, wh);
            }
            return lstm(xProj, h, c, wh, false).state();
        }

        @Override
        public LstmGates lstmStepWithGates(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
            if (!lstmShapes(xProj, h, c, wh)) {
                return RecurrentKernels.super.lstmStepWithGates(xProj, h, c, wh);
            }
            return lstm(xProj, h, c, wh, true);
        }

        private LstmGates lstm(Tensor xProj, Tensor h, Tensor c, Tensor wh, boolean withGates) {
            Lane lane = lane();
            int batch = h.dim(0);
            int hidden = h.dim(1);
            DType dt = h.dtype();
            CudaTensor x = in(xProj, lane);
            CudaTensor cc = in(c, lane);
            Blas.Partials hw = product(lane, dt, in(h, lane), false, in(wh, lane), false, batch, 4 * hidden, hidden);
            CudaTensor hOut = make(lane, dt, Shape.of(batch, hidden));
            CudaTensor cOut = make(lane, dt, Shape.of(batch, hidden));
            CudaTensor gates = withGates ? make(lane, dt, Shape.of(batch, 4 * hidden)) : null;
            Launch l = Launch.on(lane, "lstm_fwd", dt).elements((long) batch * hidden).ptr(x).ptr(hw.buffer().ptr)
                    .arg(hw.count()).ptr(cc).ptr(hOut).ptr(cOut);
            (gates == null ? l.none() : l.ptr(gates)).arg(batch).arg(hidden).run();
            java.lang.ref.Reference.reachabilityFence(hw);
            return new LstmGates(hOut, cOut, gates);
        }

        @Override
        public LstmStepAdjoint lstmStepBackward(Tensor gates, Tensor c, Tensor cNext, Tensor dh, Tensor dcNext) {
            if (c.rank() != 2 || !matrix(gates, c.dim(0), 4 * c.dim(1)) || !matrix(cNext, c.dim(0), c.dim(1))
                    || !matrix(dh, c.dim(0), c.dim(1)) || !matrix(dcNext, c.dim(0), c.dim(1))
                    || !sameDtypes(gates, c, cNext, dh, dcNext) || c.shape().size() == 0) {
                return RecurrentKernels.super.lstmStepBackward(gates, c, cNext, dh, dcNext);
            }
            Lane lane = lane();
            int batch = c.dim(0);
            int hidden = c.dim(1);
            DType dt = c.dtype();
            CudaTensor dz = make(lane, dt, Shape.of(batch, 4 * hidden));
            CudaTensor dcPrev = make(lane, dt, Shape.of(batch, hidden));
            Launch.on(lane, "lstm_bwd", dt).elements((long) batch * hidden).ptr(in(gates, lane)).ptr(in(c, lane))
                    .ptr(in(cNext, lane)).ptr(in(dh, lane)).ptr(in(dcNext, lane)).ptr(dz).ptr(dcPrev).arg(batch)
                    .arg(hidden).run();
            return new LstmStepAdjoint(dz, dcPrev);
        }

        @Override
        public Tensor elmanStep(Tensor xProj, Tensor h, Tensor wh) {
            if (h.rank() != 2 || !matrix(xProj, h.dim(0), h.dim(1)) || !matrix(wh, h.dim(1), h.dim(1))
                    || !sameDtypes(xProj, h, wh) || h.shape().size() == 0) {
                return RecurrentKernels.super.elmanStep(xProj, h, wh);
            }
            Lane lane = lane();
            int batch = h.dim(0);
            int hidden = h.dim(1);
            DType dt = h.dtype();
            CudaTensor x = in(xProj, lane);
            Blas.Partials hw = product(lane, dt, in(h, lane), false, in(wh, lane), false, batch, hidden, hidden);
            CudaTensor hOut = make(lane, dt, Shape.of(batch, hidden));
            Launch.on(lane, "elman_fwd", dt).elements((long) batch * hidden).ptr(x).ptr(hw.buffer().ptr).arg(hw.count())
                    .ptr(hOut).arg((long) batch * hidden).run();
            java.lang.ref.Reference.reachabilityFence(hw);
            return hOut;
        }

        @Override
        public Tensor elmanStepBackward(Tensor hNext, Tensor dh) {
            if (!hNext.shape().equals(dh.shape()) || hNext.dtype() != dh.dtype()) {
                return RecurrentKernels.super.elmanStepBackward(hNext, dh);
            }
            Lane lane = lane();
            CudaTensor y = in(hNext, lane);
            CudaTensor d = in(dh, lane);
            CudaTensor dz = make(lane, dh.dtype(), dh.shape());
            long n = dh.shape().size();
            if (n > 0) {
                Launch.on(lane, "elman_bwd", dh.dtype()).elements(n).ptr(y).ptr(d).ptr(dz).arg(n).run();
            }
            return dz;
        }

        private static boolean gruShapes(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
            if (h.rank() != 2) {
                return false;
            }
            int batch = h.dim(0);
            int hidden = h.dim(1);
            return matrix(xProj, batch, 3 * hidden) && matrix(whRu, hidden, 2 * hidden) && matrix(whN, hidden, hidden)
                    && sameDtypes(xProj, h, whRu, whN) && batch > 0 && hidden > 0;
        }

        @Override
        public Tensor gruStep(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
            if (!gruShapes(xProj, h, whRu, whN)) {
                return RecurrentKernels.super.gruStep(xProj, h, whRu, whN);
            }
            return gru(xProj, h, whRu, whN, false).h();
        }

        @Override
        public GruGates gruStepWithGates(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
            if (!gruShapes(xProj, h, whRu, whN)) {
                return RecurrentKernels.super.gruStepWithGates(xProj, h, whRu, whN);
            }
            return gru(xProj, h, whRu, whN, true);
        }

        private GruGates gru(Tensor xProj, Tensor h, Tensor whRu, Tensor whN, boolean withGates) {
            Lane lane = lane();
            int batch = h.dim(0);
            int hidden = h.dim(1);
            DType dt = h.dtype();
            CudaTensor x = in(xProj, lane);
            CudaTensor hh = in(h, lane);
            Blas.Partials hru = product(lane, dt, hh, false, in(whRu, lane), false, batch, 2 * hidden, hidden);
            CudaTensor ru = make(lane, dt, Shape.of(batch, 2 * hidden));
            CudaTensor rh = make(lane, dt, Shape.of(batch, hidden));
            long n = (long) batch * hidden;
            Launch.on(lane, "gru_a", dt).elements(n).ptr(x).ptr(hru.buffer().ptr).arg(hru.count()).ptr(hh).ptr(ru).ptr(rh)
                    .arg(batch).arg(hidden).run();
            Blas.Partials hn = product(lane, dt, rh, false, in(whN, lane), false, batch, hidden, hidden);
            CudaTensor hOut = make(lane, dt, Shape.of(batch, hidden));
            CudaTensor gates = withGates ? make(lane, dt, Shape.of(batch, 4 * hidden)) : null;
            Launch l = Launch.on(lane, "gru_b", dt).elements(n).ptr(x).ptr(ru).ptr(hn.buffer().ptr).arg(hn.count()).ptr(hh)
                    .ptr(rh).ptr(hOut);
            (gates == null ? l.none() : l.ptr(gates)).arg(batch).arg(hidden).run();
            java.lang.ref.Reference.reachabilityFence(hru);
            java.lang.ref.Reference.reachabilityFence(hn);
            return new GruGates(hOut, gates);
        }

        @Override
        public GruStepAdjoint gruStepBackward(Tensor gates, Tensor h, Tensor whN, Tensor dh) {
            if (h.rank() != 2 || !matrix(gates, h.dim(0), 4 * h.dim(1)) || !matrix(whN, h.dim(1), h.dim(1))
                    || !matrix(dh, h.dim(0), h.dim(1)) || !sameDtypes(gates, h, whN, dh) || h.shape().size() == 0) {
                return RecurrentKernels.super.gruStepBackward(gates, h, whN, dh);
            }
            Lane lane = lane();
            int batch = h.dim(0);
            int hidden = h.dim(1);
            DType dt = h.dtype();
            long n = (long) batch * hidden;
            CudaTensor g = in(gates, lane);
            CudaTensor d = in(dh, lane);
            CudaTensor dzn = make(lane, dt, Shape.of(batch, hidden));
            Launch.on(lane, "gru_bwd_a", dt).elements(n).ptr(g).ptr(d).ptr(dzn).arg(batch).arg(hidden).run();
            Blas.Partials drh = product(lane, dt, dzn, false, in(whN, lane), true, batch, hidden, hidden);
            CudaTensor dz = make(lane, dt, Shape.of(batch, 3 * hidden));
            CudaTensor dhPart = make(lane, dt, Shape.of(batch, hidden));
            Launch.on(lane, "gru_bwd_b", dt).elements(n).ptr(g).ptr(in(h, lane)).ptr(d).ptr(drh.buffer().ptr)
                    .arg(drh.count()).ptr(dzn).ptr(dz).ptr(dhPart).arg(batch).arg(hidden).run();
            java.lang.ref.Reference.reachabilityFence(drh);
            return new GruStepAdjoint(dz, dhPart);
        }
    }
}
