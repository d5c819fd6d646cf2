package io.engram.backend.cpu.internal;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The system's native BLAS (on Debian, {@code libblas.so.3}: OpenBLAS when installed) reached
 * through the JNI library of {@code dev.ludovic.netlib:blas}, which this bundle embeds. Loading
 * is tried once per class loader, on first use; {@link #available()} tells whether it succeeded
 * and {@link #reason()} why not.
 *
 * <p>The wrappers take row-major arrays as the Java GEMMs do and compute {@code C += op(A) op(B)}.
 * BLAS is column-major, and a row-major {@code [m,n]} matrix is the column-major {@code [n,m]}
 * transpose, so {@code C = A B} is passed as {@code C^T = B^T A^T}: operands swapped, extents
 * {@code n, m}. Thread-safe (OpenBLAS serializes or partitions concurrent calls itself). OpenBLAS
 * runs a product on its own threads; the backend calls it from the caller's thread, never from its
 * pool, so the two pools are never busy at the same time.
 */
final class NativeBlas {
    private static final NativeBLAS BLAS;
    private static final String REASON;

    static {
        NativeBLAS blas = null;
        String reason = "";
        try {
            blas = NativeBLAS.getInstance();
            float[] probe = {0.0f};
            blas.sgemm("N", "N", 1, 1, 1, 1.0f, new float[] {2.0f}, 1, new float[] {3.0f}, 1, 1.0f, probe, 1);
            if (probe[0] != 6.0f) {
                reason = "native sgemm computed 2*3 = " + probe[0];
                blas = null;
            }
        } catch (LinkageError | RuntimeException e) {
            reason = "no native BLAS: " + e;
            blas = null;
        }
        BLAS = blas;
        REASON = reason;
    }

    private NativeBlas() {
    }

    static boolean available() {
        return BLAS != null;
    }

    /** Why the native library is not available; empty when it is. */
    static String reason() {
        return REASON;
    }

    /** {@code c[m,n] += op(a) op(b)}, arguments as in {@link GemmF32#gemm}. */
    static void sgemm(float[] a, float[] b, float[] c, int m, int n, int k, boolean ta, boolean tb) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        BLAS.sgemm(tb ? "T" : "N", ta ? "T" : "N", n, m, k, 1.0f, b, tb ? k : n, a, ta ? m : k, 1.0f, c, n);
    }

    /** {@code c[m,n] += op(a) op(b)}, arguments as in {@link GemmF64#gemm}. */
    static void dgemm(double[] a, double[] b, double[] c, int m, int n, int k, boolean ta, boolean tb) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        BLAS.dgemm(tb ? "T" : "N", ta ? "T" : "N", n, m, k, 1.0, b, tb ? k : n, a, ta ? m : k, 1.0, c, n);
    }
}
