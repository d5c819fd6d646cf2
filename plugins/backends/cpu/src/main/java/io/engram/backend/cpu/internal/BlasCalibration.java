package io.engram.backend.cpu.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A one-off comparison of the bound native BLAS with the Java GEMM: f32 products of
 * {@code [M,K] @ [K,N]} ({@value #M}, {@value #K}, {@value #N}: about a recurrent layer's) with each
 * of the four transpose flags, on one thread each (the bundled OpenBLAS is set to one thread
 * meanwhile). The Java GEMM first runs until the JIT has compiled it ({@value #STEADY_REPS} rounds
 * with no new best), then each side runs at least {@value #MIN_REPS} times and the fastest run of
 * each product counts. Runs are timed in the calling thread's CPU time, so other processes
 * competing for the cores do not skew the comparison; at most about {@value #BUDGET_MILLIS} ms
 * of CPU time and {@value #WALL_LIMIT_MILLIS} ms of wall-clock time. Made once per process, on the
 * first call, and cached. Thread-safe.
 *
 * @param nativeNanos the native library's four products, fastest runs summed
 * @param javaNanos   the Java GEMM's, likewise
 */
record BlasCalibration(long nativeNanos, long javaNanos) {
    /** The product's extents: {@code [M,K] @ [K,N]}, about the shape of a recurrent layer's products. */
    static final int M = 64;
    static final int N = 256;
    static final int K = 128;
    static final int MIN_REPS = 5;
    static final int MAX_REPS = 40;
    static final int STEADY_REPS = 8;
    /** CPU time for the Java GEMM's warm-up; a quarter of it for each side's timed runs. */
    static final long BUDGET_MILLIS = 400;
    /** The most wall-clock time the calibration takes past its first {@link #MIN_REPS} runs, on a busy machine. */
    static final long WALL_LIMIT_MILLIS = 2000;
    /** A native library this many times slower than the Java GEMM, or more, is too slow. */
    static final double SLOW_FACTOR = 1.25;

    private static BlasCalibration cached;

    /** How many times slower than the Java GEMM the native library is (below 1: faster). */
    double ratio() {
        return (double) nativeNanos / Math.max(1, javaNanos);
    }

    /** Whether the native library is at least {@link #SLOW_FACTOR} times slower than the Java GEMM. */
    boolean slow() {
        return ratio() >= SLOW_FACTOR;
    }

    /** {@code 3.1x slower than the Java GEMM} or {@code 12.0x faster than the Java GEMM}. */
    String comparison() {
        double r = ratio();
        return r >= 1 ? String.format(Locale.ROOT, "%.1fx slower than the Java GEMM", r)
                : String.format(Locale.ROOT, "%.1fx faster than the Java GEMM", 1 / r);
    }

    /** The measurement of the bound native library, made on the first call. */
    static synchronized BlasCalibration ofBoundLibrary() {
        if (cached == null) {
            cached = measure();
        }
        return cached;
    }

    private static BlasCalibration measure() {
        Random rnd = new Random(1);
        float[] a = random(rnd, M * K);
        float[] b = random(rnd, K * N);
        float[] c = new float[M * N];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTime = cpu.isCurrentThreadCpuTimeSupported();
        LongSupplier clock = cpuTime ? cpu::getCurrentThreadCpuTime : System::nanoTime;
        NativeBlas.oneThread(true);
        try (Parallel one = new Parallel(1)) {
            GemmF32 gemm = new GemmF32(one);
            Product java = (ta, tb) -> gemm.gemm(a, 0, b, 0, c, 0, M, N, K, ta, tb);
            Product nat = (ta, tb) -> NativeBlas.sgemm(a, b, c, M, N, K, ta, tb);
            long deadline = System.nanoTime() + WALL_LIMIT_MILLIS * 1_000_000;
            warmUp(java, clock, deadline);
            long[] javaBest = best(java, clock, deadline);
            long[] nativeBest = best(nat, clock, deadline);
            return new BlasCalibration(Math.max(1, sum(nativeBest)), Math.max(1, sum(javaBest)));
        } finally {
            NativeBlas.oneThread(false);
        }
    }

    /** One product of the calibration with the given transpose flags. */
    @FunctionalInterface
    private interface Product {
        void run(boolean ta, boolean tb);
    }

    /**
     * Runs the Java GEMM until the JIT has compiled it: until {@value #STEADY_REPS} rounds in a
     * row bring no round {@code 5%} faster than the fastest so far, or the CPU budget or the wall
     * limit is spent.
     */
    private static void warmUp(Product java, LongSupplier clock, long deadline) {
        long fastest = Long.MAX_VALUE;
        long spent = 0;
        for (int steady = 0; steady < STEADY_REPS && spent < BUDGET_MILLIS * 1_000_000 && System.nanoTime() < deadline; ) {
            long t0 = clock.getAsLong();
            for (int flags = 0; flags < 4; flags++) {
                java.run((flags & 1) != 0, (flags & 2) != 0);
            }
            long t = clock.getAsLong() - t0;
            spent += t;
            steady = t < fastest * 0.95 ? 0 : steady + 1;
            fastest = Math.min(fastest, t);
        }
    }

    /** The fastest of {@value #MIN_REPS} runs (more while time allows) of each of the four products. */
    private static long[] best(Product product, LongSupplier clock, long deadline) {
        long[] best = new long[4];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        long spent = 0;
        for (int rep = 0; rep < MAX_REPS && (rep < MIN_REPS
                || spent < BUDGET_MILLIS * 1_000_000 / 4 && System.nanoTime() < deadline); rep++) {
            for (int flags = 0; flags < 4; flags++) {
                long t0 = clock.getAsLong();
                product.run((flags & 1) != 0, (flags & 2) != 0);
                long t = clock.getAsLong() - t0;
                best[flags] = Math.min(best[flags], t);
                spent += t;
            }
        }
        return best;
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }

    private static long sum(long[] x) {
        long s = 0;
        for (long v : x) {
            s += v;
        }
        return s;
    }
}
