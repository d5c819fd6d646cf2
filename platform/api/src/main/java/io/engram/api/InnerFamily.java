package io.engram.api;

import java.util.Objects;

/**
 * A family that took part inside a composite family ({@link CompositeFamily}), as recorded in a
 * checkpoint's {@link Provenance}. Immutable.
 *
 * @param slot   the slot's path below {@code model.}: {@code inner}, or {@code inner.encoder} for a
 *               slot of a composite inside a slot
 * @param family the inner family's id
 * @param bundle the bundle that provided it and its version
 */
public record InnerFamily(String slot, String family, BundleRef bundle) {

    public InnerFamily {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(bundle, "bundle");
    }
}
