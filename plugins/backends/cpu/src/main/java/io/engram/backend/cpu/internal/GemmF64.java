package io.engram.backend.cpu.internal;

/**
 * Matrix product {@code C += op(A) op(B)} on row-major {@code double} arrays, cache-blocked in the
 * manner of Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (ACM TOMS
 * 34(3), 2008): the output is cut into tiles of {@link #MC} rows by at most {@link #NC} columns
 * (narrower when a short, wide product would otherwise leave threads idle), one task each; a task walks the shared dimension in blocks of {@link #KC}, packs the block of op(B) into a
 * contiguous panel (so transposed operands cost one copy) and the rows of op(A) four at a time, and
 * updates four output rows at once with a loop over columns that the JIT vectorizes.
 *
 * <p>Every output element is accumulated in the order k = 0, 1, ..., K-1 whatever the tiling and
 * thread count, so results are bitwise independent of the number of threads and equal to the
 * textbook loop {@code s += a[i,k] * b[k,j]}. Scratch panels are per thread and reused across
 * calls; the output array must not be shared with the inputs.
 */
final class GemmF64 {
    static final int MC = 64;
    static final int NC = 512;
    static final int KC = 128;
    /** Below this many multiply-adds the product runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1L << 16;

    private final Parallel parallel;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    GemmF64(Parallel parallel) {
        this.parallel = parallel;
    }

    private static final class Scratch {
        final double[] bp = new double[KC * NC];
        final double[] ap = new double[4 * KC];
        final double[] c0 = new double[NC];
        final double[] c1 = new double[NC];
        final double[] c2 = new double[NC];
        final double[] c3 = new double[NC];
        final double[] dummy = new double[NC];
    }

    /**
     * {@code c[m,n] += op(a) op(b)}, where op(a) is {@code [m,k]} (stored {@code [k,m]} when
     * {@code ta}) and op(b) is {@code [k,n]} (stored {@code [n,k]} when {@code tb}).
     */
    void gemm(double[] a, double[] b, double[] c, int m, int n, int k, boolean ta, boolean tb) {
        gemm(a, 0, b, 0, c, 0, m, n, k, ta, tb);
    }

    /** {@link #gemm} on matrices that start at offsets {@code ao}, {@code bo}, {@code co} of their arrays. */
    void gemm(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k, boolean ta, boolean tb) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        int rowTiles = (m + MC - 1) / MC;
        boolean wide = (long) m * n * k >= PARALLEL_THRESHOLD && parallel.threads() > 1;
        int width = wide ? columnsPerTile(n, rowTiles, parallel.threads()) : NC;
        int colTiles = (n + width - 1) / width;
        int tiles = rowTiles * colTiles;
        if (!wide || tiles == 1) {
            for (int t = 0; t < tiles; t++) {
                tile(a, ao, b, bo, c, co, m, n, k, ta, tb, t / colTiles, t % colTiles, width);
            }
        } else {
            parallel.forEach(tiles, t -> tile(a, ao, b, bo, c, co, m, n, k, ta, tb, t / colTiles, t % colTiles, width));
        }
    }

    /**
     * Tile width: {@link #NC}, or narrower (a multiple of 16, at least 64) when there are too few row
     * tiles to give every thread two tiles.
     */
    static int columnsPerTile(int n, int rowTiles, int threads) {
        int wanted = (2 * threads + rowTiles - 1) / rowTiles;
        if (wanted <= 1) {
            return NC;
        }
        int width = (n + wanted - 1) / wanted;
        width = (width + 15) / 16 * 16;
        return Math.min(NC, Math.max(64, width));
    }

    private void tile(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k, boolean ta,
            boolean tb, int rowTile, int colTile, int width) {
        Scratch s = scratch.get();
        int i0 = rowTile * MC;
        int i1 = Math.min(m, i0 + MC);
        int j0 = colTile * width;
        int nc = Math.min(n, j0 + width) - j0;
        double[] bp = s.bp;
        double[] ap = s.ap;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(k, p0 + KC) - p0;
            // pack op(B)[p0:p0+kc, j0:j0+nc] row-major into bp
            if (tb) {
                for (int j = 0; j < nc; j++) {
                    int src = bo + (j0 + j) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[p * nc + j] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bo + (p0 + p) * n + j0, bp, p * nc, nc);
                }
            }
            for (int i = i0; i < i1; i += 4) {
                int rows = Math.min(4, i1 - i);
                // pack op(A)[i:i+rows, p0:p0+kc] as kc groups of 4
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < 4; r++) {
                        ap[4 * p + r] = r >= rows ? 0.0
                                : ta ? a[ao + (p0 + p) * m + i + r] : a[ao + (i + r) * k + p0 + p];
                    }
                }
                double[] c0 = s.c0;
                double[] c1 = rows > 1 ? s.c1 : s.dummy;
                double[] c2 = rows > 2 ? s.c2 : s.dummy;
                double[] c3 = rows > 3 ? s.c3 : s.dummy;
                System.arraycopy(c, co + i * n + j0, c0, 0, nc);
                if (rows > 1) {
                    System.arraycopy(c, co + (i + 1) * n + j0, c1, 0, nc);
                }
                if (rows > 2) {
                    System.arraycopy(c, co + (i + 2) * n + j0, c2, 0, nc);
                }
                if (rows > 3) {
                    System.arraycopy(c, co + (i + 3) * n + j0, c3, 0, nc);
                }
                kernel(ap, bp, kc, nc, c0, c1, c2, c3);
                System.arraycopy(c0, 0, c, co + i * n + j0, nc);
                if (rows > 1) {
                    System.arraycopy(c1, 0, c, co + (i + 1) * n + j0, nc);
                }
                if (rows > 2) {
                    System.arraycopy(c2, 0, c, co + (i + 2) * n + j0, nc);
                }
                if (rows > 3) {
                    System.arraycopy(c3, 0, c, co + (i + 3) * n + j0, nc);
                }
            }
        }
    }

    /**
     * Four output rows: {@code c_r[j] += sum_p ap[4p+r] * bp[p*nc + j]}, p ascending. Two values of
     * p share one pass over the rows, which halves the loads and stores of {@code c} per
     * multiply-add; {@code (c + a b) + a' b'} keeps the sequential order, so the bits do not change.
     */
    private static void kernel(double[] ap, double[] bp, int kc, int nc,
            double[] c0, double[] c1, double[] c2, double[] c3) {
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            int q = 4 * p;
            double a0 = ap[q];
            double a1 = ap[q + 1];
            double a2 = ap[q + 2];
            double a3 = ap[q + 3];
            double e0 = ap[q + 4];
            double e1 = ap[q + 5];
            double e2 = ap[q + 6];
            double e3 = ap[q + 7];
            int off = p * nc;
            int next = off + nc;
            for (int j = 0; j < nc; j++) {
                double bj = bp[off + j];
                double dj = bp[next + j];
                c0[j] = c0[j] + a0 * bj + e0 * dj;
                c1[j] = c1[j] + a1 * bj + e1 * dj;
                c2[j] = c2[j] + a2 * bj + e2 * dj;
                c3[j] = c3[j] + a3 * bj + e3 * dj;
            }
        }
        for (; p < kc; p++) {
            double a0 = ap[4 * p];
            double a1 = ap[4 * p + 1];
            double a2 = ap[4 * p + 2];
            double a3 = ap[4 * p + 3];
            int off = p * nc;
            for (int j = 0; j < nc; j++) {
                double bj = bp[off + j];
                c0[j] += a0 * bj;
                c1[j] += a1 * bj;
                c2[j] += a2 * bj;
                c3[j] += a3 * bj;
            }
        }
    }
}
