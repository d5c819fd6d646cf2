package io.engram.layers;

import io.engram.api.Capability;
import io.engram.api.ModelSpec;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the families of stacked, gradient-trained layers share: an id, a description and a schema
 * fixed at construction, the capabilities {@link Capability#DIFFERENTIABLE} and
 * {@link Capability#FLAT_PARAMETERS}, and the cross-field checks on a spec. A family extends this,
 * registers itself as a DS component and writes {@link #create}.
 *
 * <p>Lifecycle as in {@link NetworkFamily}: stateless and thread-safe.
 */
@ConsumerType
public abstract class StackedFamily implements NetworkFamily {
    private final String id;
    private final String description;
    private final Schema schema;

    /** A family called {@code id} that accepts {@code schema} (usually built by {@link LayerSchema#stacked}). */
    protected StackedFamily(String id, String description, Schema schema) {
        this.id = id;
        this.description = description;
        this.schema = schema;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    /**
     * A dropout rate needs more than one layer; a family with further checks appends them to these.
     * The sizes are not checked here: they are unknown (0) when a spec is first validated.
     */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        List<Problem> problems = List.empty();
        if (spec.hyper().has("dropout") && spec.hyper().has("layers")
                && spec.hyper().getDouble("dropout") > 0 && spec.hyper().getInt("layers") == 1) {
            problems = problems.append(Problem.of("model.dropout",
                    "dropout acts between stacked layers only; with layers=1 it would have no effect"));
        }
        return problems;
    }
}
