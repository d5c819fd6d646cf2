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
    /**
     * Comma-separated capabilities ({@link Capability}) a family offers, or a trainer or an
     * application requires of the network (an application that requires none leaves it out).
     */
    public static final String CAPABILITIES = "engram.capabilities";
    /**
     * On an {@link Application}: comma-separated kinds of task it offers, {@value #DATASET} and/or
     * {@value #ENVIRONMENT}; absent: what {@link Application#provides()} says (datasets by default).
     */
    public static final String PROVIDES = "engram.provides";
    /**
     * On a {@link Trainer}: comma-separated kinds of task it can train on, {@value #DATASET} and/or
     * {@value #ENVIRONMENT}; absent: what {@link Trainer#trainsOn()} says (datasets by default). A job
     * is valid when its application provides one of them.
     */
    public static final String TRAINS_ON = "engram.trains.on";
    /** A kind of task: sequences with targets, loaded by {@link Application#load}. */
    public static final String DATASET = "dataset";
    /** A kind of task: an {@link Environment} to act in, from {@link Application#environment}. */
    public static final String ENVIRONMENT = "environment";

    private PluginProperties() {
    }
}
