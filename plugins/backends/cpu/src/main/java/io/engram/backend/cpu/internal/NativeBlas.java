package io.engram.backend.cpu.internal;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The native BLAS of this class loader: the bundled OpenBLAS ({@link BundledOpenBlas}) or the
 * system's {@code libblas.so.3} (on Debian OpenBLAS, BLIS or the reference BLAS, whichever the
 * alternatives point at; {@link SystemBlas} names it), both reached through the JNI library of
 * {@code dev.ludovic.netlib:blas}, which this bundle embeds. Its {@code JNI_OnLoad} opens the file
 * named by the system property {@code dev.ludovic.netlib.blas.nativeLibPath} (set here, for that
 * one moment, to the bundled library's file) or else {@code libblas.so.3}, once per class loader:
 * the first {@link #bind} fixes which library this class loader uses, and a later call for the
 * other one answers with the reason. A failed attempt is remembered too and not repeated.
 *
 * <p>The wrappers take row-major arrays as the Java GEMMs do and compute {@code C += op(A) op(B)}.
 * BLAS is column-major, and a row-major {@code [m,n]} matrix is the column-major {@code [n,m]}
 * transpose, so {@code C = A B} is passed as {@code C^T = B^T A^T}: operands swapped, extents
 * {@code n, m}; a block of {@code C} is the same call on offsets into the arrays with their full
 * leading dimensions. Thread-safe: the JNI layer hands the library the Java arrays themselves
 * (pinned, not copied), so calls on disjoint blocks of one output may run at once. How the library
 * itself threads is fixed when it loads ({@link #threads()}); the backend splits products over its
 * own pool only when the library runs them on one thread, so the two pools never compete.
 */
final class NativeBlas {
    private static final String LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

    /** netlib's own logger, kept so that its level holds: it announces the implementation it picked at INFO. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas");

    private static volatile NativeBLAS blas;
    private static BlasLibrary library;
    private static final Map<String, String> FAILED = new HashMap<>();

    private NativeBlas() {
    }

    /**
     * Binds {@code source} ({@link BlasLibrary#BUNDLED} or {@link BlasLibrary#SYSTEM}) as this
     * class loader's native BLAS unless another one is bound already; returns the library when
     * {@code source} is the one bound, else empty ({@link #problem} says why).
     */
    static synchronized Optional<BlasLibrary> bind(String source) {
        if (library != null) {
            return library.source().equals(source) ? Optional.of(library) : Optional.empty();
        }
        if (FAILED.containsKey(source)) {
            return Optional.empty();
        }
        try {
            NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
            BlasLibrary loaded = BlasLibrary.BUNDLED.equals(source) ? openBundled() : openSystem();
            library = loaded;
            return Optional.of(loaded);
        } catch (LinkageError | RuntimeException e) {
            FAILED.put(source, failure(source, e));
            return Optional.empty();
        }
    }

    private static String failure(String source, Throwable e) {
        if (BlasLibrary.SYSTEM.equals(source)) {
            return "libblas.so.3 did not load (" + e.getMessage() + ")";
        }
        return e instanceof NoClassDefFoundError
                ? "the bundle io.engram.openblas is not installed (no " + e.getMessage() + ")"
                : "the bundled OpenBLAS did not load (" + e + ")";
    }

    /** Why {@code source} is not this class loader's native BLAS; empty when it is. */
    static synchronized String problem(String source) {
        if (library != null) {
            return library.source().equals(source) ? ""
                    : "this process already uses " + library.line() + " (one native BLAS per process; restart to switch)";
        }
        return FAILED.getOrDefault(source, "not loaded");
    }

    /** The bound library, if any. */
    static synchronized Optional<BlasLibrary> bound() {
        return Optional.ofNullable(library);
    }

    private static BlasLibrary openBundled() {
        BlasLibrary loaded = BundledOpenBlas.load(threads());
        String before = System.getProperty(LIB_PATH);
        System.setProperty(LIB_PATH, loaded.file());
        try {
            blas = probe(NativeBLAS.getInstance());
        } finally {
            if (before == null) {
                System.clearProperty(LIB_PATH);
            } else {
                System.setProperty(LIB_PATH, before);
            }
        }
        return loaded;
    }

    private static BlasLibrary openSystem() {
        blas = probe(NativeBLAS.getInstance());
        return SystemBlas.identify(threads());
    }

    /** {@code lib} when its sgemm computes {@code 2 * 3 = 6}. */
    private static NativeBLAS probe(NativeBLAS lib) {
        float[] c = {0.0f};
        lib.sgemm("N", "N", 1, 1, 1, 1.0f, new float[] {2.0f}, 1, new float[] {3.0f}, 1, 1.0f, c, 1);
        if (c[0] != 6.0f) {
            throw new IllegalStateException("native sgemm computed 2*3 = " + c[0]);
        }
        return lib;
    }

    /**
     * Sets the bundled OpenBLAS to one thread per product ({@code true}) or back to
     * {@link #threads()} ({@code false}); nothing for a system library, whose threads are fixed
     * when it loads.
     */
    static synchronized void oneThread(boolean one) {
        if (library != null && BlasLibrary.BUNDLED.equals(library.source())) {
            BundledOpenBlas.threads(one ? 1 : library.threads());
        }
    }

    /** Whether a native library is bound. */
    static boolean available() {
        return blas != null;
    }

    /**
     * The number of threads the native library runs a product on: the first of
     * {@code OPENBLAS_NUM_THREADS}, {@code GOTO_NUM_THREADS} and {@code OMP_NUM_THREADS} that holds
     * a positive number, else one per core. OpenBLAS reads them when it loads; the bundled one is
     * also told this number explicitly.
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
        blas.sgemm(tb ? "T" : "N", ta ? "T" : "N", j1 - j0, i1 - i0, k, 1.0f, b, bo + (tb ? j0 * k : j0), tb ? k : n,
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
        blas.dgemm(tb ? "T" : "N", ta ? "T" : "N", j1 - j0, i1 - i0, k, 1.0, b, bo + (tb ? j0 * k : j0), tb ? k : n,
                a, ao + (ta ? i0 : i0 * k), ta ? m : k, beta, c, co + i0 * n + j0, n);
    }
}
