package io.engram.tensor;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not why (no driver, no device, out of memory, ...).
 *
 * @param available true when jobs may use the backend
 * @param reason    a one-line human explanation; empty when available
 */
public record Availability(boolean available, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
