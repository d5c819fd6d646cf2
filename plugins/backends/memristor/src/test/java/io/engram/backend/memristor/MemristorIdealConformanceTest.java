package io.engram.backend.memristor;

import io.engram.tensor.DType;
import io.engram.testkit.BackendConformance;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * An ideal crossbar (no noise, drift or faults; analogue levels; 40-bit converters) over the
 * testkit's reference backend computes what the reference ops do: every op, and the reference RNN's
 * forward and BPTT passes, whose products run on the crossbar.
 */
class MemristorIdealConformanceTest extends BackendConformance {

    MemristorIdealConformanceTest() {
        super(new MemristorBackend(DeviceModel.ideal(), 1, new ReferenceBackend()), Map.of(DType.F64, 1e-9,
                DType.F32, 1e-5));
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new ReferenceRnn(), Map.of("hidden", "3")));
    }

    @AfterEach
    void closeBackend() {
        backend().close();
    }
}
