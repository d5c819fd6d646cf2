package io.engram.backend.cpu.internal;

import io.engram.tensor.DType;

/**
 * The choice of implementation for each matrix product of {@link CpuOps}, and the policy that cuts
 * large native products over the pool. An f32 product of at least {@link #NATIVE_MIN_MACS}
 * multiply-adds runs on the native BLAS ({@link NativeBlas}) where it is enabled for f32, an f64
 * product from the number of multiply-adds it is given for f64, every other product on the Java
 * GEMM ({@link GemmF64}, {@link GemmF32}). When the pool has more
 * than one thread and OpenBLAS runs each call on one ({@code OPENBLAS_NUM_THREADS=1}, as
 * {@code bin/engram} sets it), native products of at least {@link #SPLIT_MIN_MACS} multiply-adds
 * are cut into blocks of output columns (or rows) that the pool's threads claim in turn; otherwise
 * OpenBLAS threads its calls itself and they run whole on the caller.
 *
 * <p>Thread-safe: immutable after construction; the Java GEMMs keep per-thread packing buffers.
 */
final class Gemm {
    /** Products with fewer multiply-adds than this stay on the Java GEMM (a JNI call costs more). */
    static final long NATIVE_MIN_MACS = 4096;

    /** Native products with at least this many multiply-adds are split over the pool (see {@link #splitNative}). */
    static final long SPLIT_MIN_MACS = 1L << 18;

    /** The narrowest block of columns (or rows) a split native product is cut into. */
    static final int SPLIT_MIN_EXTENT = 32;

    private final Parallel parallel;
    private final GemmF64 gemm64;
    private final GemmF32 gemm32;
    private final boolean nativeF32;
    /** f64 products of at least this many multiply-adds run natively; {@link Long#MAX_VALUE}: none. */
    private final long f64NativeFrom;
    /** Whether native products are cut into blocks run on the pool (see the class comment). */
    private final boolean splitNative;

    /**
     * Products of {@code f32} natively when {@code nativeF32} is set, of {@code f64} from
     * {@code f64NativeFrom} multiply-adds (the caller has checked that a native BLAS is bound),
     * split over {@code parallel} when {@code blasSingleThreaded}.
     */
    Gemm(Parallel parallel, boolean nativeF32, long f64NativeFrom, boolean blasSingleThreaded) {
        this.parallel = parallel;
        this.gemm64 = new GemmF64(parallel);
        this.gemm32 = new GemmF32(parallel);
        this.nativeF32 = nativeF32;
        this.f64NativeFrom = Math.max(NATIVE_MIN_MACS, f64NativeFrom);
        this.splitNative = parallel.threads() > 1 && (nativeF32 || f64NativeFrom != Long.MAX_VALUE) && blasSingleThreaded;
    }

    /** One line naming the implementation of each dtype's products. */
    String description() {
        String java = "Java blocked GEMM";
        return "f32: " + (nativeF32 ? nativeLine(NATIVE_MIN_MACS) : java) + "; f64: "
                + (f64NativeFrom == Long.MAX_VALUE ? java
                : f64NativeFrom == NATIVE_MIN_MACS ? nativeLine(NATIVE_MIN_MACS)
                : nativeLine(f64NativeFrom) + ", smaller ones on the " + java);
    }

    private String nativeLine(long from) {
        return NativeBlas.bound().map(BlasLibrary::title).orElse("native BLAS") + " via JNI (products of >= " + from
                + " multiply-adds" + (splitNative ? ", split over the pool" : ", threaded by the library") + ")";
    }

    /** Whether a product {@code [m,k] @ [k,n]} of {@code dtype} runs on the native BLAS. */
    boolean runsNative(DType dtype, int m, int n, int k) {
        long macs = (long) m * n * k;
        return k > 0 && (dtype == DType.F32 ? nativeF32 && macs >= NATIVE_MIN_MACS : macs >= f64NativeFrom);
    }

    /** {@code c = op(x) op(y)} on the native BLAS, overwriting {@code c} (beta = 0); see {@link #runsNative}. */
    void nativeProduct(CpuTensor x, CpuTensor y, CpuTensor c, int m, int n, int k, boolean ta, boolean tb) {
        boolean f32 = x.dtype == DType.F32;
        nativeBlocks(m, n, k, (i0, i1, j0, j1) -> {
            if (f32) {
                NativeBlas.sgemm(x.f32, 0, y.f32, 0, c.f32, 0, m, n, k, ta, tb, i0, i1, j0, j1, 0f);
            } else {
                NativeBlas.dgemm(x.f64, 0, y.f64, 0, c.f64, 0, m, n, k, ta, tb, i0, i1, j0, j1, 0.0);
            }
        });
    }

    /** {@code c += op(x) op(y)} on raw arrays of matching dtype. */
    void gemmInto(CpuTensor x, CpuTensor y, CpuTensor c, int m, int n, int k, boolean ta, boolean tb) {
        if (x.dtype == DType.F64) {
            gemm64(x.f64, y.f64, c.f64, m, n, k, ta, tb);
        } else {
            gemm32(x.f32, y.f32, c.f32, m, n, k, ta, tb);
        }
    }

    void gemm64(double[] a, double[] b, double[] c, int m, int n, int k, boolean ta, boolean tb) {
        gemm64(a, 0, b, 0, c, 0, m, n, k, ta, tb);
    }

    /** {@code c += op(a) op(b)} on matrices that start at offsets {@code ao}, {@code bo}, {@code co} of their arrays. */
    void gemm64(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k, boolean ta,
                boolean tb) {
        if ((long) m * n * k >= f64NativeFrom) {
            nativeBlocks(m, n, k, (i0, i1, j0, j1) ->
                    NativeBlas.dgemm(a, ao, b, bo, c, co, m, n, k, ta, tb, i0, i1, j0, j1));
        } else {
            gemm64.gemm(a, ao, b, bo, c, co, m, n, k, ta, tb);
        }
    }

    void gemm32(float[] a, float[] b, float[] c, int m, int n, int k, boolean ta, boolean tb) {
        gemm32(a, 0, b, 0, c, 0, m, n, k, ta, tb);
    }

    /** {@code c += op(a) op(b)} on matrices that start at offsets {@code ao}, {@code bo}, {@code co} of their arrays. */
    void gemm32(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int n, int k, boolean ta,
                boolean tb) {
        if (nativeF32 && (long) m * n * k >= NATIVE_MIN_MACS) {
            nativeBlocks(m, n, k, (i0, i1, j0, j1) ->
                    NativeBlas.sgemm(a, ao, b, bo, c, co, m, n, k, ta, tb, i0, i1, j0, j1));
        } else {
            gemm32.gemm(a, ao, b, bo, c, co, m, n, k, ta, tb);
        }
    }

    /**
     * {@code c = op(a) op(b)}, overwriting the {@code m x n} matrix at offset {@code co} of {@code c}:
     * a native product with beta 0 where {@link #gemm32(float[], int, float[], int, float[], int, int,
     * int, int, boolean, boolean)} would run one, else the output zeroed and the product added.
     */
    void gemm32Set(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int n, int k, boolean ta,
                   boolean tb) {
        if (nativeF32 && (long) m * n * k >= NATIVE_MIN_MACS) {
            nativeBlocks(m, n, k, (i0, i1, j0, j1) ->
                    NativeBlas.sgemm(a, ao, b, bo, c, co, m, n, k, ta, tb, i0, i1, j0, j1, 0f));
        } else {
            java.util.Arrays.fill(c, co, co + m * n, 0f);
            gemm32.gemm(a, ao, b, bo, c, co, m, n, k, ta, tb);
        }
    }

    /** A block of a native product: rows {@code [i0, i1)}, columns {@code [j0, j1)} of the output. */
    @FunctionalInterface
    private interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * A native product of {@code [m,k] @ [k,n]}: whole when OpenBLAS threads it itself or it is
     * small, else as {@code 2 x threads} blocks of output columns (of rows, when it has more rows
     * than columns) of at least {@link #SPLIT_MIN_EXTENT}, which the pool's threads claim in turn.
     */
    private void nativeBlocks(int m, int n, int k, Block block) {
        boolean columns = n >= m;
        int extent = columns ? n : m;
        int blocks = splitNative && (long) m * n * k >= SPLIT_MIN_MACS
                ? Math.min(2 * parallel.threads(), extent / SPLIT_MIN_EXTENT) : 1;
        if (blocks <= 1) {
            block.run(0, m, 0, n);
            return;
        }
        parallel.forEach(blocks, q -> {
            int from = q == 0 ? 0 : (int) ((long) extent * q / blocks) / 16 * 16;
            int to = q == blocks - 1 ? extent : (int) ((long) extent * (q + 1) / blocks) / 16 * 16;
            if (columns) {
                block.run(0, m, from, to);
            } else {
                block.run(from, to, 0, n);
            }
        });
    }

    /**
     * Whether a recurrence may run as independent blocks of batch rows, one per pool thread, each
     * with its own single-threaded native products: f32 products are native, OpenBLAS runs
     * single-threaded and the pool has more than one thread.
     */
    boolean rowBlocks32(int rows) {
        return splitNative && nativeF32 && rows >= 2 * parallel.threads() && parallel.threads() > 1;
    }
}
