package io.engram.itest;

import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The CPU backend with its Java GEMM on one thread against the testkit's reference ops. */
class CpuJavaGemmConformanceTest extends BackendConformance {

    CpuJavaGemmConformanceTest() {
        super(new CpuBackend(1, Blas.JAVA), Map.of(DType.F32, 1e-5, DType.F64, 1e-12));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }
}
