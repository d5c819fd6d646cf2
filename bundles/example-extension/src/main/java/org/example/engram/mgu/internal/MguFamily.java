package org.example.engram.mgu.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Set;
import org.example.engram.mgu.MguVariant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The minimal gated unit family (Zhou et al. 2016; variants of Heck and Salem 2017): stacked MGU
 * layers and a linear readout; see {@link MguCell}. Written against the exported Engram API only.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=mgu",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class MguFamily implements NetworkFamily {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("hidden", 32, 1, 4096, "Units per layer."),
            HyperParameter.integer("layers", 1, 1, 16, "Stacked MGU layers."),
            HyperParameter.choice("variant", "mgu", java.util.List.of("mgu", "mgu1", "mgu2", "mgu3"),
                    "Forget-gate equation: mgu (input, state, bias), mgu1 (state, bias), mgu2 (state), mgu3 (bias)."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Multiplier of the Glorot uniform range."));

    @Activate
    public MguFamily() {
    }

    @Override
    public String id() {
        return "mgu";
    }

    @Override
    public String description() {
        return "Minimal gated unit and its simplified variants (Zhou et al. 2016; Heck and Salem 2017).";
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
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(spec.hyper().asStrings(), "model.");
        if (v.isInvalid()) {
            throw new IllegalArgumentException("model spec not validated against the schema: " + v.getError().mkString("; "));
        }
        Hyperparameters h = v.get();
        MguVariant variant = MguVariant.of(h.getString("variant"));
        int hidden = h.getInt("hidden");
        int layers = h.getInt("layers");
        return new MguNetwork(spec, variant, hidden, layers, MguNetwork.initialParameters(spec, variant, hidden, layers,
                h.getDouble("init.scale"), backend.ops(), seed));
    }
}
