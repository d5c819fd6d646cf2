package io.engram.family.lstm.internal;

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
 * The LSTM family: stacked LSTM layers with forget gates (Gers, Schmidhuber and Cummins 2000),
 * optional peephole connections (Gers, Schraudolph and Schmidhuber 2002), dropout between layers
 * and a linear readout; see {@link LstmCell} for the equations.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=lstm",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class LstmFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 32, 1, 4096, "Memory cells per layer."),
            HyperParameter.integer("layers", 1, 1, 16, "Stacked LSTM layers."),
            HyperParameter.real("dropout", 0.0, 0.0, 0.95, "Dropout rate on the input of each layer above the first, while training."),
            HyperParameter.choice("init.scheme", "xavier", java.util.List.of("xavier", "uniform", "normal"),
                    "Weight initialisation: xavier (Glorot uniform), uniform (±scale/sqrt(fan-in)) or normal (sd scale/sqrt(fan-in))."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Multiplier of the initialisation range."),
            HyperParameter.real("forget.bias", 1.0, -10.0, 10.0, "Initial bias of the forget gates (positive: remember at first)."),
            HyperParameter.bool("peepholes", false, "Peephole connections from the cell state to the gates (Gers et al. 2002)."));

    @Activate
    public LstmFamily() {
    }

    @Override
    public String id() {
        return "lstm";
    }

    @Override
    public String description() {
        return "Long short-term memory with forget gates and optional peepholes (Gers et al. 2000, 2002).";
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
        LstmSettings s = LstmSettings.of(SCHEMA, spec.hyper());
        return new LstmNetwork(spec, s, LstmNetwork.initialParameters(spec, s, backend.ops(), seed));
    }
}
