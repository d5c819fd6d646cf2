package io.engram.backend.memristor;

import io.engram.family.gru.internal.GruFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * An ideal crossbar (no noise, drift or faults; analogue levels; 40-bit converters) over the CPU
 * backend computes what the reference ops do, the LSTM and GRU families' passes included.
 */
class MemristorFamiliesConformanceTest extends BackendConformance {

    MemristorFamiliesConformanceTest() {
        super(new MemristorBackend(DeviceModel.ideal(), 1, new io.engram.backend.cpu.CpuBackend(1)), Map.of(DType.F64, 1e-9, DType.F32, 1e-5));
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new LstmFamily(), Map.of("hidden", "3", "layers", "2")),
                new FamilyCase(new GruFamily(), Map.of("hidden", "3")));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }
}
