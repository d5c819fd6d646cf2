package io.engram.family.frnn.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The fully recurrent family (Williams and Zipser 1989): every unit of a layer receives the layer's
 * input and the previous output of every unit of the layer, stacked, with dropout between layers and
 * outputs read from the units; see {@link FrnnCell} for the equations.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=frnn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class FrnnFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 32, 1, 4096, "Units per layer; every unit feeds every unit."),
            HyperParameter.integer("layers", 1, 1, 16, "Stacked fully recurrent layers."),
            HyperParameter.real("dropout", 0.0, 0.0, 0.95, "Dropout rate on the input of each layer above the first, while training."),
            HyperParameter.choice("init.scheme", "xavier", java.util.List.of("xavier", "uniform", "normal"),
                    "Weight initialisation: xavier (Glorot uniform), uniform (±scale/sqrt(fan-in)) or normal (sd scale/sqrt(fan-in))."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Multiplier of the initialisation range."),
            HyperParameter.choice("activation", "tanh", java.util.List.of("tanh", "sigmoid", "relu"),
                    "Activation function of the units."),
            HyperParameter.choice("readout", "linear", java.util.List.of("linear", "units"),
                    "linear: a trained linear map from the units of the last layer; units: the first outputSize units of the last layer are the outputs (Williams and Zipser 1989)"));

    @Activate
    public FrnnFamily() {
    }

    @Override
    public String id() {
        return "frnn";
    }

    @Override
    public String description() {
        return "Fully recurrent network: every unit feeds every unit (Williams and Zipser 1989).";
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
    public Seq<Problem> validate(ModelSpec spec) {
        List<Problem> problems = List.empty();
        if (spec.inputSize() < 1) {
            problems = problems.append(Problem.of("model.inputSize", "the data has no input features"));
        }
        if (spec.outputSize() < 1) {
            problems = problems.append(Problem.of("model.outputSize", "the data has no targets"));
        }
        if (spec.hyper().has("dropout") && spec.hyper().has("layers")
                && spec.hyper().getDouble("dropout") > 0 && spec.hyper().getInt("layers") == 1) {
            problems = problems.append(Problem.of("model.dropout",
                    "dropout acts between stacked layers only; with layers=1 it would have no effect"));
        }
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
        FrnnSettings s = FrnnSettings.of(SCHEMA, spec.hyper());
        return new FrnnNetwork(spec, s, FrnnNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
