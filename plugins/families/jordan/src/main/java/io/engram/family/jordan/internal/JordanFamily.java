package io.engram.family.jordan.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.layers.LayerSchema;
import io.engram.layers.StackedFamily;
import io.engram.tensor.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The Jordan family: the network's previous output is fed back to state units that also keep a
 * decaying copy of themselves through a fixed self-connection (Jordan 1986); stacked hidden layers
 * with dropout between them and a linear readout; see {@link JordanCell} for the equations.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=jordan",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class JordanFamily extends StackedFamily {
    static final Schema SCHEMA = LayerSchema.stacked("Hidden units per layer.",
            "Stacked hidden layers (the state units feed the first).",
            LayerSchema.activation("Activation function of the hidden units."),
            HyperParameter.real("self.connection", 0.5, 0.0, 0.999, "Fixed weight mu of each state unit's connection to itself (Jordan 1986)."),
            HyperParameter.choice("feedback", "linear", java.util.List.of("linear", "tanh", "sigmoid", "softmax"),
                    "What the state units receive of the output: the raw output, or the output through tanh, sigmoid or softmax."));

    @Activate
    public JordanFamily() {
        super("jordan", "Jordan network: state units hold the previous outputs with a self-connection (Jordan 1986).", SCHEMA);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        JordanSettings s = JordanSettings.of(SCHEMA, spec.hyper());
        return new JordanNetwork(spec, s, JordanNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
