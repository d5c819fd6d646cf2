package io.engram.api;

/**
 * Names of network capabilities, as published in the {@link PluginProperties#CAPABILITIES} service
 * property of a family and required by trainers.
 */
public final class Capability {
    /** The step is differentiable in its parameters: gradient trainers (BPTT, RTRL) apply. */
    public static final String DIFFERENTIABLE = "differentiable";
    /** Parameters can be read and written as one flat vector: global optimisers apply. */
    public static final String FLAT_PARAMETERS = "flat-parameters";
    /** Stores and recalls patterns (Hopfield, BAM). */
    public static final String ASSOCIATIVE = "associative";
    /** A fixed reservoir with a trained readout (echo state, liquid state). */
    public static final String RESERVOIR = "reservoir";
    /**
     * Runs a whole padded batch at once ({@link WholeSequence}): not causal, so trained by full BPTT
     * over the whole sequence and never stepped.
     */
    public static final String WHOLE_SEQUENCE = "whole-sequence";
    /** Encodes a source, then decodes one token at a time ({@link Decoder}): greedy and beam search apply. */
    public static final String DECODER = "decoder";

    private Capability() {
    }
}
