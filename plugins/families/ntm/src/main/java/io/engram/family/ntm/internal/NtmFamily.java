package io.engram.family.ntm.internal;

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
 * The neural Turing machine family (Graves, Wayne and Danihelka 2014, "Neural Turing machines",
 * arXiv:1410.5401): an LSTM or feed-forward controller with read and write heads on an {@code N x M}
 * memory, addressed by content and location; see {@link NtmNetwork} for the step and parameters,
 * {@link NtmAddressing} and {@link io.engram.layers.MemoryAccess} for the equations. Trained by backpropagation through
 * time; every step is written with the backend's ops.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=ntm",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class NtmFamily extends StackedFamily {

    @Activate
    public NtmFamily() {
        super("ntm", "Neural Turing machine: a controller with read and write heads on a memory matrix (Graves et al. 2014).",
                NtmSettings.SCHEMA);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        NtmSettings s = NtmSettings.of(spec.hyper());
        return new NtmNetwork(spec, s, NtmNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
