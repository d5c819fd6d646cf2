package io.engram.itest;

import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import io.engram.testkit.ReferenceRnn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The CPU backend in f32 and f64 (default GEMM choice, two threads) against the testkit's reference
 * ops, with the reference RNN, LSTM, GRU and Elman families. It lives here rather than in the CPU
 * backend's module because the platform's own tests run on the CPU backend, which therefore cannot
 * depend on the testkit.
 */
class CpuBackendConformanceTest extends BackendConformance {

    CpuBackendConformanceTest() {
        super(new CpuBackend(2), Map.of(DType.F32, 1e-5, DType.F64, 1e-12));
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new ReferenceRnn(), Map.of("hidden", "4")),
                new FamilyCase(new LstmFamily(), Map.of("hidden", "5", "layers", "2")),
                new FamilyCase(new GruFamily(), Map.of("hidden", "4")),
                new FamilyCase(new ElmanFamily(), Map.of("hidden", "6")));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }
}
