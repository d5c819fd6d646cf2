package io.engram.family.historycompressor.internal;

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
import io.engram.tensor.Backend;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The neural history compressor (Schmidhuber 1992, "Learning complex, extended sequences using the
 * principle of history compression", Neural Computation 4(2), 234-242): a hierarchy of recurrent
 * predictors. Level 0, the automatizer, sees every input and predicts the next one; level
 * {@code k + 1}, a chunker, sees only the inputs that the levels up to {@code k} failed to predict,
 * so that its own time runs from one unexpected event to the next and a long predictable stretch
 * costs it no step at all. The top level's state is then a compressed history: in a sequence whose
 * only unpredictable events are far apart, it receives far fewer inputs than there are steps, and a
 * dependency across hundreds of steps is one step apart for it. See {@link CompressorCell} for a
 * level's equations, {@link Surprise} for the rule that passes an input up and
 * {@link HistoryCompressorNetwork} for how the levels' predictions add up to the output.
 *
 * <p>The variant implemented: the paper's hierarchy of predictors without time stamps (a chunker
 * does not see how many steps passed since its last input), with an argmax rule for "failed to
 * predict" (the predicted symbol is not the one that came, the paper's threshold on the error for
 * one-hot inputs) and the levels trained together, end to end, by BPTT on the prediction of the next
 * input through the non-differentiable gating mask, rather than each by its own online prediction
 * error. The outputs are the stack's prediction of the next input; an application supplies
 * {@code x_{t+1}} as the target at step {@code t} (the last step of a long-lag sequence then asks
 * for the symbol that the first one decided). The "collapsing" of the hierarchy into one net (the
 * automatizer trained to predict the chunker's state, so that it comes to predict by itself what
 * only the chunker could) is the {@link HistoryCompressionTrainer history-compression} trainer of
 * this bundle, for networks built with {@code distill=true}; {@code output=automatizer} then
 * evaluates the automatizer alone. With {@code levels=1} the network is an Elman net.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=history-compressor",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class HistoryCompressorFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("levels", 2, 1, 8,
                    "Predictors in the hierarchy: the automatizer and levels - 1 chunkers; 1 is an Elman net."),
            LayerSchema.hidden("Hidden units of every level."),
            HyperParameter.bool("distill", false,
                    "Give the automatizer a head that predicts the top level's state, which the history-compression trainer trains (the collapsing of the hierarchy)."),
            HyperParameter.choice("output", "stack", java.util.List.of("stack", "automatizer"),
                    "stack: the output is the prediction of all levels; automatizer: that of the automatizer alone, the collapsed net (for the history-compression trainer)."),
            LayerSchema.activation("Activation function of the hidden units."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public HistoryCompressorFamily() {
    }

    @Override
    public String id() {
        return "history-compressor";
    }

    @Override
    public String description() {
        return "Neural history compressor: a hierarchy of predictors, each level fed only the inputs the levels below "
                + "failed to predict (Schmidhuber 1992).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The schema's bounds are all there is to check. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        return List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        CompressorSettings s = CompressorSettings.of(h);
        return new HistoryCompressorNetwork(spec, s, HistoryCompressorNetwork.initialParameters(spec, s, backend.ops(),
                h.getString("init.scheme"), h.getDouble("init.scale"), seed));
    }
}
