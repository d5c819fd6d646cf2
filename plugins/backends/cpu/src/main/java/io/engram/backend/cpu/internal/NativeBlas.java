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
 * {@code n, m}; a block of {@code C} is the same call on offsets into the arrays with their full
 * leading dimensions. Thread-safe: the JNI layer hands OpenBLAS the Java arrays themselves (pinned,
 * not copied), so calls on disjoint blocks of one output may run at once. How OpenBLAS itself
 * threads is fixed when it loads ({@link #threads()}); the backend splits products over its own
 * pool only when OpenBLAS runs them on one thread, so the two pools never compete.
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

    /**
     * The number of threads OpenBLAS runs a product on, as it reads it when it loads: the first of
     * {@code OPENBLAS_NUM_THREADS}, {@code GOTO_NUM_THREADS} and {@code OMP_NUM_THREADS} that holds
     * a positive number, else one per core.
     */
    static int threads() {
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(name);
            if (value != null) {
                try {
                    int n = Integer.parseInt(value.trim());
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // OpenBLAS ignores it too
                }
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code c[m,n] += op(a) op(b)}, arguments as in {@link GemmF32#gemm}. */
    static void sgemm(float[] a, float[] b, float[] c, int m, int n, int k, boolean ta, boolean tb) {
        sgemm(a, 0, b, 0, c, 0, m, n, k, ta, tb, 0, m, 0, n);
    }

    /**
     * The block of rows {@code [i0, i1)} and columns {@code [j0, j1)} of {@code c[m,n] += op(a)
     * op(b)}, the three matrices starting at offsets {@code ao}, {@code bo}, {@code co} of their
     * arrays: the same product restricted to those rows of {@code op(a)} and columns of
     * {@code op(b)}, written in place.
     */
    static void sgemm(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int n, int k, boolean ta,
                      boolean tb, int i0, int i1, int j0, int j1) {
        sgemm(a, ao, b, bo, c, co, m, n, k, ta, tb, i0, i1, j0, j1, 1.0f);
    }

    /** As above with {@code c = op(a) op(b) + beta c}: {@code beta = 0} overwrites whatever {@code c} held. */
    static void sgemm(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int n, int k, boolean ta,
                      boolean tb, int i0, int i1, int j0, int j1, float beta) {
        if (i1 <= i0 || j1 <= j0 || k == 0) {
            return;
        }
        BLAS.sgemm(tb ? "T" : "N", ta ? "T" : "N", j1 - j0, i1 - i0, k, 1.0f, b, bo + (tb ? j0 * k : j0), tb ? k : n,
                a, ao + (ta ? i0 : i0 * k), ta ? m : k, beta, c, co + i0 * n + j0, n);
    }

    /** {@code c[m,n] += op(a) op(b)}, arguments as in {@link GemmF64#gemm}. */
    static void dgemm(double[] a, double[] b, double[] c, int m, int n, int k, boolean ta, boolean tb) {
        dgemm(a, 0, b, 0, c, 0, m, n, k, ta, tb, 0, m, 0, n);
    }

    /** The block of an f64 product, as the f32 {@code sgemm} with offsets and a block. */
    static void dgemm(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k, boolean ta,
                      boolean tb, int i0, int i1, int j0, int j1) {
        dgemm(a, ao, b, bo, c, co, m, n, k, ta, tb, i0, i1, j0, j1, 1.0);
    }

    /** As above with {@code c = op(a) op(b) + beta c}. */
    static void dgemm(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k, boolean ta,
                      boolean tb, int i0, int i1, int j0, int j1, double beta) {
        if (i1 <= i0 || j1 <= j0 || k == 0) {
            return;
        }
        BLAS.dgemm(tb ? "T" : "N", ta ? "T" : "N", j1 - j0, i1 - i0, k, 1.0, b, bo + (tb ? j0 * k : j0), tb ? k : n,
                a, ao + (ta ? i0 : i0 * k), ta ? m : k, beta, c, co + i0 * n + j0, n);
    }
}
