package io.engram.backend.cuda.internal;

import io.engram.tensor.DType;
import jcuda.Pointer;

/**
 * Matrix products through Engram's tiled GEMM kernels: 128 x 128 tiles of C per block of 256
 * threads when the product has enough such tiles to occupy the device ({@value #BIG_TILES} or
 * more), else 64 x 64 tiles, which give small products more blocks.
 */
final class KernelGemm implements Blas {
    /** Tiles of 128 x 128 from which the large kernel is used. */
    static final int BIG_TILES = 100;

    private final Lane lane;

    KernelGemm(Lane lane) {
        this.lane = lane;
    }

    @Override
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a,
            int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        long bigTiles = (long) ((m + 127) / 128) * ((n + 127) / 128);
        Launch launch = bigTiles >= BIG_TILES
                ? Launch.on(lane, "gemm_big", dtype).grid((n + 127) / 128, (m + 127) / 128).block(256, 1)
                : Launch.on(lane, "gemm", dtype).grid((n + 63) / 64, (m + 63) / 64).block(16, 16);
        launch
                .arg(transA ? 1 : 0).arg(transB ? 1 : 0).arg(m).arg(n).arg(k).scalar(alpha).ptr(a).arg(lda)
                .ptr(b).arg(ldb).scalar(beta).ptr(c).arg(ldc).run();
    }

    @Override
    public void close() {
    }
}
