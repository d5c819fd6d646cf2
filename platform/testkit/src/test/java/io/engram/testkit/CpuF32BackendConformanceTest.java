package io.engram.testkit;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The CPU backend in f32 (and f64, default GEMM choice) against the f64 Java reference. */
class CpuF32BackendConformanceTest extends BackendConformance {

    CpuF32BackendConformanceTest() {
        super(new CpuBackend(2), Map.of(DType.F32, 1e-5, DType.F64, 1e-12));
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new ReferenceRnn(), Map.of("hidden", "4")));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }
}
