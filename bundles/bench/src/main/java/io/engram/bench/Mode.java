package io.engram.bench;

import java.util.Locale;

/** What one measured iteration is. */
public enum Mode {
    /**
     * One training step: forward over the whole sequence, the mean squared error over all outputs,
     * backpropagation through time and one SGD update.
     */
    TRAIN,
    /** One inference pass: plain forward steps over the whole sequence, nothing recorded. */
    INFER;

    /** The name used on the command line and in the JSON lines: {@code train} or {@code infer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
