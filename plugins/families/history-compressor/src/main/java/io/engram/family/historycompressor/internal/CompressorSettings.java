package io.engram.family.historycompressor.internal;

import io.engram.api.Hyperparameters;

/**
 * The typed settings of a history compressor. Immutable.
 *
 * @param levels     predictors in the hierarchy: level 0 is the automatizer, levels 1 and up the
 *                   chunkers; 1 gives a single Elman net
 * @param hidden     hidden units of every level
 * @param activation the hidden units' activation function
 */
record CompressorSettings(int levels, int hidden, String activation) {

    /** The settings of a completed {@code hyper}. */
    static CompressorSettings of(Hyperparameters hyper) {
        return new CompressorSettings(hyper.getInt("levels"), hyper.getInt("hidden"), hyper.getString("activation"));
    }

    /** The name of level {@code k}'s parameter {@code part} ({@code input.w}, {@code recurrent.w}, {@code b}, {@code readout.w}). */
    static String name(int k, String part) {
        return "level" + k + "." + part;
    }
}
