package io.engram.backend.cuda.internal;

import static jcuda.jcublas.JCublas2.cublasCreate;
import static jcuda.jcublas.JCublas2.cublasDestroy;
import static jcuda.jcublas.JCublas2.cublasDgemm;
import static jcuda.jcublas.JCublas2.cublasSetStream;
import static jcuda.jcublas.JCublas2.cublasSgemm;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import io.engram.tensor.DType;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.runtime.cudaStream_t;

/**
 * Matrix products through cuBLAS on the lane's stream. cuBLAS is column-major; a row-major
 * {@code C = op(A) op(B)} is the column-major {@code C^T = op(B)^T op(A)^T}, so the operands are
 * passed swapped and nothing is transposed in memory.
 */
final class CublasGemm implements Blas {
    private final cublasHandle handle = new cublasHandle();

    CublasGemm(Lane lane) {
        cublasCreate(handle);
        cublasSetStream(handle, new cudaStream_t(lane.stream));
    }

    /** Null when cuBLAS loads and works on this device, else why not; probed once per process. */
    static String problem() {
        return Probe.PROBLEM;
    }

    /** A failed class initialisation is final, so the first answer is kept. */
    private static final class Probe {
        static final String PROBLEM = probe();
    }

    private static String probe() {
        try {
            JCublas2.setExceptionsEnabled(true);
            cublasHandle h = new cublasHandle();
            cublasCreate(h);
            cublasDestroy(h);
            return null;
        } catch (LinkageError e) {
            return "cuBLAS 12 cannot load: " + Device.missingLibrary(e);
        } catch (RuntimeException e) {
            return "cuBLAS: " + e.getMessage();
        }
    }

    @Override
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a,
            int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        int opA = transA ? CUBLAS_OP_T : CUBLAS_OP_N;
        int opB = transB ? CUBLAS_OP_T : CUBLAS_OP_N;
        if (dtype == DType.F32) {
            cublasSgemm(handle, opB, opA, n, m, k, Pointer.to(new float[] {(float) alpha}), b, ldb, a, lda,
                    Pointer.to(new float[] {(float) beta}), c, ldc);
        } else {
            cublasDgemm(handle, opB, opA, n, m, k, Pointer.to(new double[] {alpha}), b, ldb, a, lda,
                    Pointer.to(new double[] {beta}), c, ldc);
        }
    }

    @Override
    public void close() {
        cublasDestroy(handle);
    }
}
