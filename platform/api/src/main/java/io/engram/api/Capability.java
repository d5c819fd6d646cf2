package io.engram.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names of network capabilities, as published in the {@link PluginProperties#CAPABILITIES} service
 * property of a family and required by trainers, each tied to the interface a network returns
 * through {@link Network#capability(Class)} when it has that capability ({@link #type}).
 *
 * <p>A family declares a name exactly when its networks return the interface: the conformance kit
 * checks this, and the kernel matches trainers to families by the names. Stateless and
 * thread-safe.
 */
public final class Capability {
    /** The step is differentiable in its trainable parameters: gradient trainers (BPTT, RTRL) apply. */
    public static final String DIFFERENTIABLE = "differentiable";
    /** Trainable parameters can be read and written as one flat vector: global optimisers apply. */
    public static final String FLAT_PARAMETERS = "flat-parameters";
    /** Stores and recalls patterns (Hopfield, BAM). */
    public static final String ASSOCIATIVE = "associative";
    /** A linear readout of collectable features: ridge and least-squares trainers apply. */
    public static final String LINEAR_READOUT = "linear-readout";
    /**
     * A fixed reservoir with a trained readout (echo state, liquid state): a network that has it
     * returns {@link LinearReadout}, as for {@link #LINEAR_READOUT}.
     *
     * @deprecated declare {@link #LINEAR_READOUT}, which names what a trainer relies on
     */
    @Deprecated
    public static final String RESERVOIR = "reservoir";
    /**
     * Runs a whole padded batch at once ({@link WholeSequence}): not causal, so trained by full BPTT
     * over the whole sequence and never stepped.
     */
    public static final String WHOLE_SEQUENCE = "whole-sequence";
    /** Encodes a source, then decodes one token at a time ({@link Decoder}): greedy and beam search apply. */
    public static final String DECODER = "decoder";

    private static final Map<String, Class<?>> TYPES = table();

    private Capability() {
    }

    private static Map<String, Class<?>> table() {
        Map<String, Class<?>> t = new LinkedHashMap<>();
        t.put(DIFFERENTIABLE, Differentiable.class);
        t.put(FLAT_PARAMETERS, ParameterVector.class);
        t.put(ASSOCIATIVE, Associative.class);
        t.put(LINEAR_READOUT, LinearReadout.class);
        t.put(RESERVOIR, LinearReadout.class);
        t.put(WHOLE_SEQUENCE, WholeSequence.class);
        t.put(DECODER, Decoder.class);
        return Collections.unmodifiableMap(t);
    }

    /** The interface a network returns when it has the capability {@code name}; empty for an unknown name. */
    public static Optional<Class<?>> type(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** Every known capability name, in the order above. */
    public static Set<String> names() {
        return TYPES.keySet();
    }

    /** Every capability interface, each once. */
    public static Set<Class<?>> types() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(TYPES.values()));
    }
}
