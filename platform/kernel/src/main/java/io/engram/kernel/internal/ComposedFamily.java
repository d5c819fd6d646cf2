package io.engram.kernel.internal;

import io.engram.api.InnerFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import io.vavr.collection.Seq;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A composite family bound to the families of its slots ({@link Composition}), together with those
 * families' bundles for the checkpoint's provenance. Every call goes to the bound family. Immutable
 * and thread-safe as the bound family is.
 *
 * @param bound the family that {@link io.engram.api.CompositeFamily#bind} returned
 * @param inner the families inside, by slot path, outermost first
 */
record ComposedFamily(NetworkFamily bound, List<InnerFamily> inner) implements NetworkFamily {

    ComposedFamily {
        inner = List.copyOf(inner);
    }

    @Override
    public String id() {
        return bound.id();
    }

    @Override
    public String description() {
        return bound.description();
    }

    @Override
    public Schema schema() {
        return bound.schema();
    }

    @Override
    public Set<String> capabilities() {
        return bound.capabilities();
    }

    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        return bound.validate(spec);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        return bound.create(spec, backend, seed);
    }

    @Override
    public Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters) {
        return bound.restore(spec, backend, parameters);
    }

    @Override
    public boolean canRead(String writerVersion, String ownVersion) {
        return bound.canRead(writerVersion, ownVersion);
    }

    /** The families inside, for {@code plugin}'s service: empty for a plain family. */
    static List<InnerFamily> of(Plugin plugin) {
        return plugin.service() instanceof ComposedFamily c ? c.inner() : List.of();
    }
}
