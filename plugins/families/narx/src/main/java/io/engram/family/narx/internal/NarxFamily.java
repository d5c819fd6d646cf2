package io.engram.family.narx.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.layers.Activation;
import io.engram.layers.Initializer;
import io.engram.layers.LayerSchema;
import io.engram.layers.Readout;
import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The NARX family: nonlinear autoregressive networks with exogenous inputs (Lin, Horne, Tino and
 * Giles 1996), a hidden layer fed by tapped delay lines on the inputs and on the network's own
 * outputs; see {@link NarxCell} for the equations and {@link NarxNetwork} for the parameters. The
 * outputs fed back are always the network's own (no teacher forcing: a step does not see the targets).
 * Weights are drawn by {@code init.scheme}, biases zero.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=narx",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class NarxFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            LayerSchema.hidden("Hidden units."),
            HyperParameter.integer("input.delays", 2, 0, 1000, "n_u: past inputs in the input delay line (0: the current input only)."),
            HyperParameter.integer("output.delays", 2, 1, 1000, "n_y: past outputs fed back through the output delay line."),
            LayerSchema.activation("Activation function of the hidden units."),
            HyperParameter.choice("output", NarxShape.LINEAR, outputs(), "Output units: linear or an activation function."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public NarxFamily() {
    }

    private static List<String> outputs() {
        List<String> o = new ArrayList<>(List.of(NarxShape.LINEAR));
        o.addAll(Activation.NAMES);
        return o;
    }

    @Override
    public String id() {
        return "narx";
    }

    @Override
    public String description() {
        return "NARX network: tapped delay lines on the inputs and the fed-back outputs into a hidden layer (Lin et al. 1996).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        NarxShape shape = new NarxShape(h.getInt("hidden"), h.getInt("input.delays"), h.getInt("output.delays"),
                h.getString("activation"), h.getString("output"));
        Initializer init = new Initializer(backend.ops(), spec.dtype(), h.getString("init.scheme"),
                h.getDouble("init.scale"), seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("wu", init.weights((shape.inputDelays() + 1) * spec.inputSize(), shape.hidden(), 1));
        p.put("wy", init.weights(shape.outputDelays() * spec.outputSize(), shape.hidden(), 1));
        p.put("b", init.constant(shape.hidden(), 0));
        Readout.initialise(p, init, shape.hidden(), spec.outputSize());
        return new NarxNetwork(spec, shape, p);
    }
}
