package io.engram.family.lstm.internal;

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
 * The LSTM family: stacked LSTM layers with forget gates (Gers, Schmidhuber and Cummins 2000),
 * optional peephole connections (Gers, Schraudolph and Schmidhuber 2002), dropout between layers
 * and a linear readout, which it offers as {@link io.engram.api.LinearReadout} (its features the
 * top layer's outputs, so that least-squares trainers such as Evolino solve it); see {@link LstmCell} for the equations and {@link LstmLayer} for the
 * parameters.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=lstm",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS + ","
                + Capability.LINEAR_READOUT})
public final class LstmFamily extends StackedFamily {
    static final Schema SCHEMA = LayerSchema.stacked("Memory cells per layer.", "Stacked LSTM layers.",
            HyperParameter.real("forget.bias", 1.0, -10.0, 10.0, "Initial bias of the forget gates (positive: remember at first)."),
            HyperParameter.bool("peepholes", false, "Peephole connections from the cell state to the gates (Gers et al. 2002)."));

    @Activate
    public LstmFamily() {
        super("lstm", "Long short-term memory with forget gates and optional peepholes (Gers et al. 2000, 2002).", SCHEMA);
    }

    /** Those of every stacked family, and {@link Capability#LINEAR_READOUT}. */
    @Override
    public java.util.Set<String> capabilities() {
        return java.util.Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS, Capability.LINEAR_READOUT);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        StackSettings s = StackSettings.of(h);
        LstmLayer layer = new LstmLayer(h.getBoolean("peepholes"), h.getDouble("forget.bias"));
        return new StackedNetwork(spec, s, 2,
                StackedNetwork.initialParameters(spec, s, backend.ops(), seed, layer::parameters, true), layer)
                .withLinearReadout();
    }
}
