package io.engram.backend.cuda;

import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance suite on the GPU with the LSTM, GRU and Elman families: every op and fused op,
 * then their forward and BPTT passes, against the testkit's reference ops in f64. Skipped, with the
 * backend's reason, where no GPU can be used.
 */
class CudaFamiliesConformanceTest extends BackendConformance {
    private static final CudaBackend CUDA = new CudaBackend();

    CudaFamiliesConformanceTest() {
        super(CUDA, Map.of(DType.F64, 1e-10, DType.F32, 1e-5));
    }

    @BeforeEach
    void needsDevice() {
        Assumptions.assumeTrue(CUDA.availability().available(),
                () -> "cuda backend unavailable: " + CUDA.availability().reason());
        System.out.println("cuda device: " + CUDA.device() + "; matrix products: " + CUDA.gemm());
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new LstmFamily(), Map.of("hidden", "5", "layers", "2")),
                new FamilyCase(new GruFamily(), Map.of("hidden", "4")),
                new FamilyCase(new ElmanFamily(), Map.of("hidden", "6")));
    }

    @AfterAll
    static void close() {
        CUDA.release();
        CUDA.close();
    }
}
