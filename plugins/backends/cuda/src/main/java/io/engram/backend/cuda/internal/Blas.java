package io.engram.backend.cuda.internal;

import io.engram.tensor.DType;
import jcuda.Pointer;

/**
 * Matrix products on one lane's stream, row-major:
 * {@code C[m,n] = alpha op(A)[m,k] op(B)[k,n] + beta C}, where {@code lda}, {@code ldb},
 * {@code ldc} are the row lengths of the stored matrices.
 *
 * <p>Two implementations: cuBLAS through JCublas2 when its library loads (it needs cuBLAS 12,
 * {@code libcublas.so.12}), else Engram's tiled GEMM kernel. Lifecycle: one per lane, closed with
 * the lane.
 */
interface Blas extends AutoCloseable {

    void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a, int lda,
            Pointer b, int ldb, double beta, Pointer c, int ldc);

    /**
     * The product {@code op(A) op(B)} as partial sums to be added by the caller's kernel, when this
     * implementation splits it along K; null when it does not (then call {@link #gemm}).
     */
    default Partials partials(DType dtype, boolean transA, boolean transB, int m, int n, int k, Pointer a, int lda,
            Pointer b, int ldb) {
        return null;
    }

    /** {@code count} slabs of {@code m x n} elements, one after another in {@code buffer}, that sum to a product. */
    record Partials(DeviceBuffer buffer, int count) {
    }

    @Override
    void close();

    /** Makes the implementation for a lane. */
    interface Factory {
        Blas create(Lane lane);

        /** One line naming the implementation, and why cuBLAS is not used when it is not. */
        String description();
    }
}
