package io.engram.backend.cuda.internal;

import io.engram.tensor.DType;
import jcuda.Pointer;

/**
 * Matrix products through Engram's tiled GEMM kernels: 128 x 128 tiles of C per block of 256
 * threads when the product has enough such tiles to occupy the device ({@value #BIG_TILES} or
 * more), else 64 x 64 tiles. A product with few 64 x 64 tiles and a long inner extent (the
 * recurrent product of a small batch) is also split along K into up to {@value #MAX_SPLIT} slabs
 * of at least {@value #MIN_CHUNK}, computed by separate blocks and then added in slab order, so
 * the result does not depend on timing.
 */
final class KernelGemm implements Blas {
    /** Tiles of 128 x 128 from which the large kernel is used. */
    static final int BIG_TILES = 100;

    /** Blocks that keep the device busy; a split aims at about this many. */
    static final int TARGET_BLOCKS = 132;
    static final int MAX_SPLIT = 16;
    static final int MIN_CHUNK = 64;

    private final Lane lane;

    KernelGemm(Lane lane) {
        this.lane = lane;
    }

    @Override
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a,
            int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        long bigTiles = (long) ((m + 127) / 128) * ((n + 127) / 128);
        if (bigTiles >= BIG_TILES) {
            Launch.on(lane, "gemm_big", dtype).grid((n + 127) / 128, (m + 127) / 128).block(256, 1)
                    .arg(transA ? 1 : 0).arg(transB ? 1 : 0).arg(m).arg(n).arg(k).scalar(alpha).ptr(a).arg(lda)
                    .ptr(b).arg(ldb).scalar(beta).ptr(c).arg(ldc).run();
            return;
        }
        Partials parts = ldc == n ? partials(dtype, transA, transB, m, n, k, a, lda, b, ldb) : null;
        if (parts == null) {
            small(dtype, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, k, 1);
            return;
        }
        long total = (long) m * n;
        Launch.on(lane, "gemm_reduce", dtype).elements(total).ptr(parts.buffer().ptr).arg(parts.count()).ptr(c)
                .arg(total).scalar(alpha).scalar(beta).run();
        java.lang.ref.Reference.reachabilityFence(parts);
    }

    @Override
    public Partials partials(DType dtype, boolean transA, boolean transB, int m, int n, int k, Pointer a, int lda,
            Pointer b, int ldb) {
        if ((long) ((m + 127) / 128) * ((n + 127) / 128) >= BIG_TILES) {
            return null;
        }
        int tiles = ((m + 63) / 64) * ((n + 63) / 64);
        int split = Math.min(Math.min(MAX_SPLIT, (k + MIN_CHUNK - 1) / MIN_CHUNK), Math.max(1, TARGET_BLOCKS / tiles));
        if (split < 2) {
            return null;
        }
        int chunk = ((k + split - 1) / split + 31) / 32 * 32;
        split = (k + chunk - 1) / chunk;
        DeviceBuffer slabs = lane.allocate((long) split * m * n * dtype.bytes());
        small(dtype, transA, transB, m, n, k, 1.0, a, lda, b, ldb, 0.0, slabs.ptr, n, chunk, split);
        return new Partials(slabs, split);
    }

    private void small(DType dtype, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a,
            int lda, Pointer b, int ldb, double beta, Pointer c, int ldc, int chunk, int split) {
        Launch.on(lane, "gemm", dtype).grid((n + 63) / 64, (m + 63) / 64, split).block(16, 16)
                .arg(transA ? 1 : 0).arg(transB ? 1 : 0).arg(m).arg(n).arg(k).scalar(alpha).ptr(a).arg(lda)
                .ptr(b).arg(ldb).scalar(beta).ptr(c).arg(ldc).arg(chunk).run();
    }

    @Override
    public void close() {
    }
}
