package io.engram.family.gru.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
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
 * The GRU family: stacked gated recurrent units (Cho et al. 2014), optionally with the reset gate
 * after the recurrent product (cuDNN, PyTorch), dropout between layers and a linear readout; see {@link GruCell} for the equations and {@link GruLayer} for the parameters.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=gru",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class GruFamily extends StackedFamily {
    static final Schema SCHEMA = LayerSchema.stacked("Units per layer.", "Stacked GRU layers.",
            HyperParameter.bool("reset.after", false, "Reset gate applied to the recurrent product and its bias, "
                    + "tanh(W x + b + r * (U h + b_u)), as cuDNN and PyTorch compute it (ONNX linear_before_reset=1), "
                    + "instead of tanh(W x + U (r * h) + b) (Cho et al. 2014)."));

    @Activate
    public GruFamily() {
        super("gru", "Gated recurrent units (Cho et al. 2014).", SCHEMA);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        StackSettings s = StackSettings.of(h);
        GruLayer layer = new GruLayer(h.getBoolean("reset.after"));
        return new StackedNetwork(spec, s, 1,
                StackedNetwork.initialParameters(spec, s, backend.ops(), seed, layer::parameters, true), layer);
    }
}
