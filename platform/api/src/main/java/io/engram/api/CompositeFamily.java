package io.engram.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A family that wraps other families: a bidirectional network over any family, an encoder-decoder
 * from two, a stack of different ones. It names {@link #slots()}; the user fills each slot in the
 * spec with a family reference and that family's hyperparameters under the slot's prefix:
 * <pre>
 *   model.family = bidirectional
 *   model.inner.family = lstm;version=[0.1,1)     the slot "inner", pinned like a top-level family
 *   model.inner.hidden = 32                       validated against lstm's schema, reported as model.inner.hidden
 *   model.features = 16                           the composite's own schema
 * </pre>
 *
 * <p>Lifecycle: the kernel validates the composite's own keys against {@link #schema()} (which
 * lists none of the slots' keys), resolves each slot's family through the plugin registry with the
 * same version pinning as a top-level family, validates that family's keys against its schema
 * (recursively, when it is itself composite) and checks the slot's {@link Slot#requires()}; every
 * problem is reported at once with its full key. It then calls {@link #bind} with the resolved
 * families and uses only the bound family: for {@link #validate}, {@link #create} and
 * {@link #restore}, in jobs and in {@code predict} (which binds again from the checkpoint, picking
 * for each slot an installed version that {@link NetworkFamily#canRead} the one recorded). The
 * {@link ModelSpec#hyper()} a bound family receives holds its own values and, for each slot
 * {@code s}, the text value {@code s.family} (the inner family's id) and the inner family's typed
 * values under {@code s.}; {@link Hyperparameters#section} takes one slot's part out, so that
 * checkpoints keep the whole nested spec with no format of their own. The inner family's bundle and
 * version are recorded in the checkpoint's {@link Provenance#innerFamilies()}.
 *
 * <p>{@link #create} on an unbound composite throws {@link IllegalStateException}. Implementations
 * and the families they bind are stateless and thread-safe.
 */
@ConsumerType
public interface CompositeFamily extends NetworkFamily {

    /** The slots, in the order their keys are listed; names are distinct, without dots. */
    List<Slot> slots();

    /**
     * This family with its slots filled.
     *
     * @param inner the family of every slot, keyed by slot name (as resolved and pinned by the kernel)
     * @throws IllegalArgumentException when a slot is missing
     */
    NetworkFamily bind(Map<String, NetworkFamily> inner);

    /**
     * The spec of the network a bound family builds in {@code slot}: the family named by
     * {@code slot.family} in {@code outer}'s values, the given sizes, {@code outer}'s dtype, and the
     * values under {@code slot.} without their prefix (the inner family's own {@code family} key left out).
     *
     * @throws java.util.NoSuchElementException when {@code outer} names no family for {@code slot}
     */
    static ModelSpec innerSpec(ModelSpec outer, String slot, int inputSize, int outputSize) {
        String family = outer.hyper().getString(slot + ".family");
        Map<String, Object> values = new java.util.LinkedHashMap<>(outer.hyper().section(slot).asMap());
        values.remove("family");
        return new ModelSpec(family, inputSize, outputSize, outer.dtype(), Hyperparameters.of(values));
    }

    /**
     * The problems {@code inner} finds ({@link NetworkFamily#validate}) in the spec of {@code slot}
     * ({@link #innerSpec}), each key moved under the slot as the user wrote it: {@code model.hidden}
     * becomes {@code model.<slot>.hidden}.
     */
    static io.vavr.collection.Seq<Problem> validateInner(NetworkFamily inner, ModelSpec outer, String slot,
                                                         int inputSize, int outputSize) {
        String head = "model.";
        return inner.validate(innerSpec(outer, slot, inputSize, outputSize))
                .map(p -> Problem.of(p.where().startsWith(head) ? head + slot + "." + p.where().substring(head.length())
                        : p.where(), p.message()));
    }

    /**
     * One place a composite family takes another family.
     *
     * @param name        the key prefix under {@code model.}, such as {@code inner} or {@code encoder}
     * @param description one line for listings
     * @param requires    capabilities the inner family must offer (see {@link Capability})
     */
    record Slot(String name, String description, Set<String> requires) {

        public Slot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            if (name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("a slot name is a non-empty key without dots, got '" + name + "'");
            }
            requires = Set.copyOf(requires);
        }
    }
}
