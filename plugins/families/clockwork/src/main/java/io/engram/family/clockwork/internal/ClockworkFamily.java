package io.engram.family.clockwork.internal;

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
import io.vavr.control.Validation;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The clockwork family (Koutnik, Greff, Gomez and Schmidhuber 2014, "A Clockwork RNN", ICML): the
 * hidden units form modules, each run only every {@code T_i} steps and otherwise keeping its state,
 * with recurrent connections from slower modules to faster ones; see {@link ClockworkCell} for the
 * equations and {@link ClockworkNetwork} for the parameters. The periods are {@code 1, 2, 4, ...}
 * ({@code modules} of them, the paper's exponential series) unless {@code periods} lists them.
 *
 * <p>{@code connections=all} gives the multi-rate hierarchical networks of El Hihi and Bengio
 * (1995, "Hierarchical recurrent neural networks for long-term dependencies", NIPS 8): groups of
 * units updated at fixed, different rates, every group feeding every other. It is the same
 * mechanism as the clockwork's with a different connection mask, so it is an option of this
 * family rather than a family of its own. With one module of period 1 the network is Elman's
 * (1990) simple recurrent network.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=clockwork",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class ClockworkFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("module.size", 8, 1, 4096, "Hidden units per module (k)."),
            HyperParameter.integer("modules", 4, 1, 20, "Modules (g), with periods 1, 2, 4, ..., 2^(g-1), when periods is blank."),
            HyperParameter.text("periods", "", "Comma-separated period of each module (for example 1,2,4,8 or 1,3,9); blank for the exponential series of 'modules'."),
            HyperParameter.choice("connections", "slower-to-faster", java.util.List.of("slower-to-faster", "all"),
                    "slower-to-faster: module j feeds module i only if T_j >= T_i (Koutnik et al. 2014); all: every module feeds every module (El Hihi and Bengio 1995)."),
            LayerSchema.activation("Activation function of the hidden units (f_H)."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public ClockworkFamily() {
    }

    @Override
    public String id() {
        return "clockwork";
    }

    @Override
    public String description() {
        return "Clockwork RNN: modules of hidden units updated at their own periods, slower feeding faster (Koutnik et al. 2014).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The problems of {@code periods}: each a whole number in [1, 2^20]. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Validation<Seq<Problem>, ClockworkSettings> v = ClockworkSettings.of(LayerSchema.complete(SCHEMA, spec.hyper()));
        return v.isValid() ? List.empty() : v.getError();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        Validation<Seq<Problem>, ClockworkSettings> v = ClockworkSettings.of(h);
        if (v.isInvalid()) {
            throw new IllegalArgumentException(v.getError().map(p -> p.toString()).mkString("; "));
        }
        ClockworkSettings s = v.get();
        return new ClockworkNetwork(spec, s, ClockworkNetwork.initialParameters(spec, s, backend.ops(),
                h.getString("init.scheme"), h.getDouble("init.scale"), seed));
    }
}
