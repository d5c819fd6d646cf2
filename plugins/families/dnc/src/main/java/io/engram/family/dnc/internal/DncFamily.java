package io.engram.family.dnc.internal;

import io.engram.api.Capability;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.layers.StackedFamily;
import io.engram.tensor.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The differentiable neural computer family (Graves et al. 2016, "Hybrid computing using a neural
 * network with dynamic external memory", Nature 538, Methods): an LSTM or feed-forward controller
 * with {@code R} read heads and one write head on an {@code N x W} memory, addressed by content,
 * by dynamic allocation from usage and by the temporal link matrix; see {@link DncNetwork} for the
 * step and parameters, {@link DncInterface}, {@link io.engram.layers.MemoryAccess}, {@link DncAllocation} and
 * {@link DncLinks} for the equations. Trained by backpropagation through time; every step is written
 * with the backend's ops, the free list's order included (comparisons of the usage, no copy to the host).
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=dnc",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class DncFamily extends StackedFamily {

    @Activate
    public DncFamily() {
        super("dnc", "Differentiable neural computer: a controller with content, allocation and temporal-link addressing on a memory matrix (Graves et al. 2016).",
                DncSettings.SCHEMA);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        DncSettings s = DncSettings.of(spec.hyper());
        return new DncNetwork(spec, s, DncNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
