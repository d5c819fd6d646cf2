package io.engram.family.narx.internal;

/**
 * The settings of a NARX network. Immutable.
 *
 * @param hidden       units of the hidden layer
 * @param inputDelays  {@code n_u}: past inputs in the input delay line (0: the current input only)
 * @param outputDelays {@code n_y}: past outputs in the output delay line, at least 1
 * @param activation   the hidden units' activation function
 * @param output       the output units' function: {@value #LINEAR} or an activation name
 */
record NarxShape(int hidden, int inputDelays, int outputDelays, String activation, String output) {
    /** The identity as output function. */
    static final String LINEAR = "linear";
}
