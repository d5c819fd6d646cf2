package io.engram.family.hopfield.internal;

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
import io.engram.tensor.Shape;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The Hopfield family (Hopfield 1982, "Neural networks and physical systems with emergent collective
 * computational abilities", PNAS 79): a content-addressable memory of bipolar units with symmetric
 * weights, asynchronous or synchronous updates and an energy that asynchronous updates never
 * increase ({@link HopfieldDynamics}); patterns are stored by the Hebbian or the Storkey rule
 * ({@link StorageRules}) through {@link io.engram.api.Associative}, by the {@code hebbian} trainer.
 * The weights start at zero (an empty memory) and are not trainable by gradients, so the family
 * declares {@link Capability#ASSOCIATIVE} alone.
 *
 * <p>Hyperparameters: {@code units} (0: as many as the inputs; at least as many as the inputs and
 * the outputs), {@code update} ({@code asynchronous}: one sweep over the units in index order per
 * step, or {@code synchronous}).
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=hopfield",
        PluginProperties.CAPABILITIES + "=" + Capability.ASSOCIATIVE})
public final class HopfieldFamily implements NetworkFamily {
    static final String ASYNCHRONOUS = "asynchronous";
    static final String SYNCHRONOUS = "synchronous";
    static final int MAX_UNITS = 4096;
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("units", 0, 0, MAX_UNITS,
                    "Bipolar units; 0 for as many as the inputs. The inputs set the first units, the outputs read them."),
            HyperParameter.choice("update", ASYNCHRONOUS, java.util.List.of(ASYNCHRONOUS, SYNCHRONOUS),
                    "asynchronous: one sweep over the units in index order per step, energy never increases; "
                            + "synchronous: all units at once from the same state (may end in a 2-cycle)."));

    @Activate
    public HopfieldFamily() {
    }

    @Override
    public String id() {
        return "hopfield";
    }

    @Override
    public String description() {
        return "Hopfield network: bipolar units, energy descent, Hebbian and Storkey storage (Hopfield 1982).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.ASSOCIATIVE);
    }

    /** The units must hold the inputs and the outputs (sizes 0, not yet known, are not checked). */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        int units = complete(spec.hyper()).getInt("units");
        int widest = Math.max(spec.inputSize(), spec.outputSize());
        if (units > 0 && units < widest) {
            return List.of(Problem.of("model.units", "the inputs set and the outputs read the first units, so units must "
                    + "be at least " + widest + " (inputs " + spec.inputSize() + ", outputs " + spec.outputSize()
                    + "), got " + units));
        }
        if (units == 0 && spec.inputSize() > 0 && spec.outputSize() > spec.inputSize()) {
            return List.of(Problem.of("model.units", "units = 0 takes as many units as the " + spec.inputSize()
                    + " inputs, fewer than the " + spec.outputSize() + " outputs: set units"));
        }
        return List.empty();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = complete(spec.hyper());
        int n = h.getInt("units") > 0 ? h.getInt("units") : spec.inputSize();
        if (n <= 0) {
            throw new IllegalArgumentException("model.units: a Hopfield network needs at least one unit");
        }
        return new HopfieldNetwork(spec, n, SYNCHRONOUS.equals(h.getString("update")),
                backend.ops().zeros(spec.dtype(), Shape.of(n, n)));
    }

    private static Hyperparameters complete(Hyperparameters hyper) {
        var v = SCHEMA.validate(hyper.asStrings(), "model.");
        if (v.isInvalid()) {
            throw new IllegalArgumentException("model spec not validated against the schema: " + v.getError().mkString("; "));
        }
        return v.get();
    }
}
