package io.engram.backend.memristor.internal;

import io.engram.backend.memristor.CrossbarCost;
import io.engram.backend.memristor.DeviceModel;
import io.engram.backend.memristor.MemristorBackend;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers a {@link MemristorBackend} as the {@code engram.backend=memristor} service, on top of
 * the {@code engram.backend=cpu} service for everything but matrix products. Activation builds the
 * device model from the configuration; a model with bad fields still registers and reports itself
 * unavailable, naming every field. A configuration change, or the CPU backend going away,
 * re-creates the component.
 */
@Component(service = Backend.class, configurationPid = "io.engram.backend.memristor",
        property = "engram.backend=memristor")
@Designate(ocd = MemristorBackendConfiguration.class)
public final class MemristorBackendComponent implements Backend {
    private final MemristorBackend backend;

    /** Builds the backend from the configuration, on the CPU backend service. */
    @Activate
    public MemristorBackendComponent(MemristorBackendConfiguration config,
                                     @Reference(target = "(engram.backend=cpu)") Backend host) {
        this.backend = new MemristorBackend(model(config), config.seed(), host);
    }

    static DeviceModel model(MemristorBackendConfiguration c) {
        return new DeviceModel(c.gMinMicroSiemens(), c.gMaxMicroSiemens(), c.levels(), c.programmingNoiseScale(),
                c.readNoiseScale(), c.driftScale(), c.secondsAfterProgramming(), c.referenceSeconds(),
                c.stuckOnRate(), c.stuckOffRate(), c.dacBits(), c.adcBits(), c.wireResistanceOhms(),
                c.readVoltage(), c.readPulseSeconds(), c.dacEnergyJoules(), c.adcEnergyJoules());
    }

    /** Energy and latency of every product since activation; see {@link MemristorBackend#totals()}. */
    public CrossbarCost totals() {
        return backend.totals();
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
    public Map<String, Double> meter() {
        return backend.meter();
    }

    @Override
    public void release() {
        backend.release();
    }

    @Override
    public String toString() {
        return backend.toString();
    }
}
