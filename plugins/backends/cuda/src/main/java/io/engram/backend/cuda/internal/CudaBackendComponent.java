package io.engram.backend.cuda.internal;

import io.engram.backend.cuda.CudaBackend;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers a {@link CudaBackend} as the {@code engram.backend=cuda} service, always: where the
 * device cannot be used the service reports {@code available=false} with the reason, so that a
 * listing shows it and a job that asks for it fails naming the reason. Activation opens the device
 * of the configuration; deactivation (or a configuration change, which re-creates the component)
 * closes it.
 */
@Component(service = Backend.class, configurationPid = "io.engram.backend.cuda",
        property = "engram.backend=cuda")
@Designate(ocd = CudaBackendConfiguration.class)
public final class CudaBackendComponent implements Backend {
    private static final System.Logger LOG = System.getLogger(CudaBackendComponent.class.getName());

    private final CudaBackend backend;

    @Activate
    public CudaBackendComponent(CudaBackendConfiguration config) {
        this.backend = new CudaBackend(config.device());
        LOG.log(System.Logger.Level.DEBUG, backend.toString());
    }

    /** Name, compute capability, memory and driver of the device; empty when unavailable. */
    public String device() {
        return backend.device();
    }

    /** One line naming what computes matrix products. */
    public String gemm() {
        return backend.gemm();
    }

    @Override
    public String id() {
        return backend.id();
    }

    @Override
    public Availability availability() {
        return backend.availability();
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
    public void release() {
        backend.release();
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
