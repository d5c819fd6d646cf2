package io.engram.backend.cuda;

import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import io.engram.testkit.ReferenceRnn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance suite on the GPU: every op and fused op, then the testkit's reference RNN forward
 * and BPTT, against the testkit's reference ops in f64. Skipped, with the backend's reason, where
 * no GPU can be used. (The LSTM, GRU and Elman families run on the GPU in the plugins' integration
 * tests.)
 */
class CudaConformanceTest extends BackendConformance {
    private static final CudaBackend CUDA = new CudaBackend();

    CudaConformanceTest() {
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
        return List.of(new FamilyCase(new ReferenceRnn(), Map.of("hidden", "5")));
    }

    @AfterAll
    static void close() {
        CUDA.release();
        CUDA.close();
    }
}
