package io.engram.family.historycompressor.internal;

import io.engram.api.Hyperparameters;

/**
 * The typed settings of a history compressor. Immutable.
 *
 * @param levels     predictors in the hierarchy: level 0 is the automatizer, levels 1 and up the
 *                   chunkers; 1 gives a single Elman net
 * @param hidden     hidden units of every level
 * @param activation the hidden units' activation function
 * @param distill    whether the automatizer has a head predicting the top level's state, for the
 *                   {@code history-compression} trainer's distillation term
 * @param automatizerOutput whether the network's output is the automatizer's own prediction
 *                   {@code z^0} rather than the stack's (the collapsed net)
 */
record CompressorSettings(int levels, int hidden, String activation, boolean distill, boolean automatizerOutput) {

    /** The settings of a completed {@code hyper}. */
    static CompressorSettings of(Hyperparameters hyper) {
        return new CompressorSettings(hyper.getInt("levels"), hyper.getInt("hidden"), hyper.getString("activation"),
                hyper.getBoolean("distill"), hyper.getString("output").equals("automatizer"));
    }

    /** The name of level {@code k}'s parameter {@code part} ({@code input.w}, {@code recurrent.w}, {@code b}, {@code readout.w}). */
    static String name(int k, String part) {
        return "level" + k + "." + part;
    }
}
