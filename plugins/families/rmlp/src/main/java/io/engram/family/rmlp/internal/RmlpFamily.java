package io.engram.family.rmlp.internal;

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
 * The recurrent multilayer perceptron family (Tutschku 1995; Puskorius and Feldkamp 1994): layers of
 * the sizes listed in {@code layers}, each with a full recurrent matrix over its own units, feeding
 * forward to the next layer at the same step; see {@link RmlpCell} for the equations and
 * {@link RmlpNetwork} for the parameters. With one layer it is Elman's (1990) network.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=rmlp",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class RmlpFamily implements NetworkFamily {
    /** Largest layer accepted. */
    static final int MAX_UNITS = 4096;

    static final Schema SCHEMA = Schema.of(
            HyperParameter.text("layers", "16,16", "Comma-separated units of each layer, bottom first (for example 16,8)."),
            LayerSchema.activation("Activation function of the units."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    @Activate
    public RmlpFamily() {
    }

    @Override
    public String id() {
        return "rmlp";
    }

    @Override
    public String description() {
        return "Recurrent multilayer perceptron: layers each with full self-recurrence, feeding forward (Tutschku 1995).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /** The problems of {@code layers}: at least one size, each a whole number in [1, 4096]. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Validation<Seq<Problem>, int[]> v = sizes(LayerSchema.complete(SCHEMA, spec.hyper()).getString("layers"));
        return v.isValid() ? List.empty() : v.getError();
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        Validation<Seq<Problem>, int[]> v = sizes(h.getString("layers"));
        if (v.isInvalid()) {
            throw new IllegalArgumentException(v.getError().map(Problem::toString).mkString("; "));
        }
        return new RmlpNetwork(spec, v.get(), h.getString("activation"), RmlpNetwork.initialParameters(spec, v.get(),
                backend.ops(), h.getString("init.scheme"), h.getDouble("init.scale"), seed));
    }

    /** The layer sizes listed in {@code text}, or a problem naming {@code model.layers} per bad entry. */
    static Validation<Seq<Problem>, int[]> sizes(String text) {
        if (text.isBlank()) {
            return Validation.invalid(List.of(Problem.of("model.layers", "no layer sizes; expected a comma-separated list such as 16,8")));
        }
        String[] parts = text.split(",");
        int[] n = new int[parts.length];
        Seq<Problem> problems = List.empty();
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i].trim();
            try {
                n[i] = Integer.parseInt(s);
                if (n[i] < 1 || n[i] > MAX_UNITS) {
                    problems = problems.append(Problem.of("model.layers", "layer " + (i + 1) + " has " + n[i]
                            + " units, not in [1, " + MAX_UNITS + "]"));
                }
            } catch (NumberFormatException e) {
                problems = problems.append(Problem.of("model.layers", "layer " + (i + 1) + " size '" + s
                        + "' is not a whole number; expected a comma-separated list such as 16,8"));
            }
        }
        return problems.isEmpty() ? Validation.valid(n) : Validation.invalid(problems);
    }
}
