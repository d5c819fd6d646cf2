package io.engram.testkit;

import io.engram.tensor.DType;
import java.util.List;
import java.util.Map;

/**
 * The reference backend's f32 (each result rounded from f64) against its f64: every op and the
 * reference family agree within float rounding.
 */
class ReferenceF32ConformanceTest extends BackendConformance {

    ReferenceF32ConformanceTest() {
        super(new ReferenceBackend(), Map.of(DType.F32, 1e-6));
    }

    @Override
    protected List<FamilyCase> families() {
        return List.of(new FamilyCase(new ReferenceRnn(), Map.of("hidden", "4")));
    }
}
