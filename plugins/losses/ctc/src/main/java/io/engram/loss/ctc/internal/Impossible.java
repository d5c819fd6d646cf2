package io.engram.loss.ctc.internal;

/**
 * What CTC makes of a sequence whose labels cannot be aligned to its steps: {@code L} labels with
 * {@code r} adjacent repeats need at least {@code L + r} steps (a blank must separate two equal
 * labels), and a shorter sequence has no alignment at all, {@code p(l | x) = 0}.
 */
enum Impossible {
    /** The batch is refused with a message naming the sequence, its steps and the steps needed (loss {@code ctc}). */
    ERROR("ctc"),
    /**
     * The sequence's loss is {@code +infinity}, {@code -ln 0}, and its outputs get a zero gradient, never
     * NaN (loss {@code ctc-infinite}; PyTorch's {@code ctc_loss} with {@code zero_infinity=False} gives the
     * same loss).
     */
    INFINITE("ctc-infinite"),
    /**
     * The sequence's loss is 0 and its outputs get a zero gradient, so training goes on without it (loss
     * {@code ctc-zero-infinity}, as PyTorch's {@code zero_infinity=True}); it still counts among the
     * sequences the summed loss is divided by.
     */
    ZERO("ctc-zero-infinity");

    private final String lossId;

    Impossible(String lossId) {
        this.lossId = lossId;
    }

    /** The id of the loss service that scores impossible sequences this way. */
    String lossId() {
        return lossId;
    }
}
