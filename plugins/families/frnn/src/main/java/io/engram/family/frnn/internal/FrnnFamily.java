package io.engram.family.frnn.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.layers.LayerSchema;
import io.engram.layers.Readout;
import io.engram.layers.StackSettings;
import io.engram.layers.StackedFamily;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Backend;
import io.vavr.collection.Seq;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The fully recurrent family (Williams and Zipser 1989): every unit of a layer receives the layer's
 * input and the previous output of every unit of the layer, stacked, with dropout between layers and
 * outputs read from the units; see {@link FrnnCell} for the equations and {@link FrnnLayer} for the
 * parameters.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=frnn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class FrnnFamily extends StackedFamily {
    static final Schema SCHEMA = LayerSchema.stacked("Units per layer; every unit feeds every unit.",
            "Stacked fully recurrent layers.",
            LayerSchema.activation("Activation function of the units."),
            HyperParameter.choice("readout", "linear", java.util.List.of("linear", "units"),
                    "linear: a trained linear map from the units of the last layer; units: the first outputSize units of the last layer are the outputs (Williams and Zipser 1989)"));

    @Activate
    public FrnnFamily() {
        super("frnn", "Fully recurrent network: every unit feeds every unit (Williams and Zipser 1989).", SCHEMA);
    }

    /** Besides the shared checks: {@code readout=units} needs at least as many units as outputs. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Seq<Problem> problems = super.validate(spec);
        if (spec.hyper().has("readout") && spec.hyper().has("hidden")
                && spec.hyper().getString("readout").equals("units") && spec.hyper().getInt("hidden") < spec.outputSize()) {
            problems = problems.append(Problem.of("model.hidden", "readout=units reads the " + spec.outputSize()
                    + " outputs from the units, so hidden must be at least " + spec.outputSize()
                    + ", got " + spec.hyper().getInt("hidden")));
        }
        return problems;
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        StackSettings s = StackSettings.of(h);
        boolean linear = h.getString("readout").equals("linear");
        return new StackedNetwork(spec, s, 1,
                StackedNetwork.initialParameters(spec, s, backend.ops(), seed, FrnnLayer::parameters, linear),
                new FrnnLayer(h.getString("activation")), linear ? Readout::apply : FrnnLayer.units(spec.outputSize()));
    }
}
