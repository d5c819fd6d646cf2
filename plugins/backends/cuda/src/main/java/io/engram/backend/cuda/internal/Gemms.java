package io.engram.backend.cuda.internal;

/** Chooses cuBLAS when it loads, else Engram's GEMM kernel, once per backend. */
public final class Gemms implements Blas.Factory {
    private final boolean cublas;
    private final String description;

    private Gemms(boolean cublas, String description) {
        this.cublas = cublas;
        this.description = description;
    }

    public static Gemms choose() {
        String problem = CublasGemm.problem();
        return problem == null ? new Gemms(true, "cuBLAS (JCublas2)")
                : new Gemms(false, "Engram's tiled GEMM kernel: " + problem);
    }

    @Override
    public Blas create(Lane lane) {
        return cublas ? new CublasGemm(lane) : new KernelGemm(lane);
    }

    @Override
    public String description() {
        return description;
    }
}
