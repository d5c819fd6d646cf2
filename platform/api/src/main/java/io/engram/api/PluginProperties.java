package io.engram.api;

/**
 * Service properties by which plugins announce themselves on the whiteboard. The kernel tracks
 * services by these; no list of plugins is written down anywhere.
 */
public final class PluginProperties {
    /** Id of a {@link NetworkFamily} service, such as {@code lstm}. */
    public static final String FAMILY = "engram.family";
    /** Id of a {@link Trainer} service, such as {@code bptt}. */
    public static final String TRAINER = "engram.trainer";
    /** Id of an {@link Application} service, such as {@code grammar}. */
    public static final String APPLICATION = "engram.application";
    /** Id of a {@link io.engram.tensor.Backend} service, such as {@code cpu}. */
    public static final String BACKEND = "engram.backend";
    /** Id of a {@link Loss} service, such as {@code softmax-ce} or {@code ctc}. */
    public static final String LOSS = "engram.loss";
    /** Comma-separated capabilities a family offers or a trainer requires. */
    public static final String CAPABILITIES = "engram.capabilities";

    private PluginProperties() {
    }
}
