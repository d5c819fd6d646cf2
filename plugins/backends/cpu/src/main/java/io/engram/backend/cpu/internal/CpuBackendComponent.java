package io.engram.backend.cpu.internal;

import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers a {@link CpuBackend} as the {@code engram.backend=cpu} service. Activation creates the
 * backend and its pool from the configuration; deactivation (or a configuration change, which
 * re-creates the component) closes it.
 */
@Component(service = Backend.class, configurationPid = "io.engram.backend.cpu",
        property = "engram.backend=cpu")
@Designate(ocd = CpuBackendConfiguration.class)
public final class CpuBackendComponent implements Backend {
    private final CpuBackend backend;
    private final Availability availability;
    private final Map<String, String> description;

    /**
     * Builds the backend from the configuration. An unknown {@code blas} value leaves the backend
     * on the Java GEMM and reports it unavailable, naming the field and the value.
     */
    @Activate
    public CpuBackendComponent(CpuBackendConfiguration config) {
        Optional<Blas> blas = Blas.parse(config.blas());
        this.backend = new CpuBackend(config.threads(), blas.orElse(Blas.JAVA));
        this.availability = blas.isPresent() ? backend.availability()
                : Availability.no("blas: unknown value '" + config.blas() + "', expected " + Blas.CHOICES);
        Map<String, String> d = new java.util.LinkedHashMap<>(backend.describe());
        d.put("blas.setting", String.valueOf(config.blas()));
        this.description = java.util.Collections.unmodifiableMap(d);
    }

    /** One line naming the implementation that computes each dtype's matrix products. */
    public String gemm() {
        return backend.gemm();
    }

    /** The backend's {@link CpuBackend#describe()}, with {@code blas.setting} as configured. */
    @Override
    public Map<String, String> describe() {
        return description;
    }

    @Override
    public String id() {
        return backend.id();
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Set<DType> dtypes() {
        return backend.dtypes();
    }

    @Override
    public Ops ops() {
        return backend.ops();
    }

    @Override
    @Deactivate
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return backend.toString();
    }
}
