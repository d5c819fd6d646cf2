package io.engram.family.elman.internal;

import io.engram.api.Capability;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.layers.LayerSchema;
import io.engram.layers.StackSettings;
import io.engram.layers.StackedFamily;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The Elman family: simple recurrent networks whose context units hold a copy of the previous hidden
 * layer (Elman 1990), stacked, with dropout between layers and a linear readout; see
 * {@link ElmanCell} for the equations and {@link ElmanLayer} for the parameters.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=elman",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class ElmanFamily extends StackedFamily {
    static final Schema SCHEMA = LayerSchema.stacked("Hidden units per layer (each with its context unit).",
            "Stacked Elman layers.",
            LayerSchema.activation("Activation function of the hidden units."));

    @Activate
    public ElmanFamily() {
        super("elman", "Simple recurrent network with context units copying the hidden layer (Elman 1990).", SCHEMA);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        StackSettings s = StackSettings.of(h);
        return new StackedNetwork(spec, s, 1,
                StackedNetwork.initialParameters(spec, s, backend.ops(), seed, ElmanLayer::parameters, true),
                new ElmanLayer(h.getString("activation")));
    }
}
