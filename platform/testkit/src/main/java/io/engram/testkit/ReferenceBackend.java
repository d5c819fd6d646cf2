package io.engram.testkit;

import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Map;
import java.util.Set;

/**
 * The reference backend: {@link ReferenceOps} in f32 and f64, always available, holding nothing to
 * release. What the testkit's suites run on unless a test passes another backend; not a registered
 * service. Stateless and thread-safe; {@link #close()} does nothing, so one instance may be shared.
 */
public final class ReferenceBackend implements Backend {
    /** The backend's id. */
    public static final String ID = "reference";

    private final Ops ops = new ReferenceOps();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.F32, DType.F64);
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("ops", "reference: plain loops over doubles, f32 rounded from f64");
    }
}
