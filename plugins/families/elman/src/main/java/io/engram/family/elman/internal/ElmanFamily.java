package io.engram.family.elman.internal;

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
 * The Elman family: simple recurrent networks whose context units hold a copy of the previous hidden
 * layer (Elman 1990), stacked, with dropout between layers and a linear readout; see
 * {@link ElmanCell} for the equations.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=elman",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class ElmanFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 32, 1, 4096, "Hidden units per layer (each with its context unit)."),
            HyperParameter.integer("layers", 1, 1, 16, "Stacked Elman layers."),
            HyperParameter.real("dropout", 0.0, 0.0, 0.95, "Dropout rate on the input of each layer above the first, while training."),
            HyperParameter.choice("init.scheme", "xavier", java.util.List.of("xavier", "uniform", "normal"),
                    "Weight initialisation: xavier (Glorot uniform), uniform (±scale/sqrt(fan-in)) or normal (sd scale/sqrt(fan-in))."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Multiplier of the initialisation range."),
            HyperParameter.choice("activation", "tanh", java.util.List.of("tanh", "sigmoid", "relu"),
                    "Activation function of the hidden units."));

    @Activate
    public ElmanFamily() {
    }

    @Override
    public String id() {
        return "elman";
    }

    @Override
    public String description() {
        return "Simple recurrent network with context units copying the hidden layer (Elman 1990).";
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
        return problems;
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        ElmanSettings s = ElmanSettings.of(SCHEMA, spec.hyper());
        return new ElmanNetwork(spec, s, ElmanNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
