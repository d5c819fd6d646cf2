package io.engram.api;

/**
 * A padded batch, time-major, on the host: what a trainer uploads one step at a time.
 *
 * <p>Layout: {@code inputs[(t * batch + b) * inputSize + f]},
 * {@code targets[(t * batch + b) * outputSize + o]}, {@code stepMask[t * batch + b]} is 1 where
 * sequence {@code b} has a real step {@code t} (0 in padding: the state must pass through
 * unchanged), {@code targetMask[t * batch + b]} is 1 where that step contributes to the loss.
 * The arrays are owned by the batch and must not be modified.
 */
public record Batch(int time, int batch, int inputSize, int outputSize,
                    double[] inputs, double[] targets, double[] stepMask, double[] targetMask) {

    public Batch {
        int tb = time * batch;
        if (inputs.length != tb * inputSize || targets.length != tb * outputSize
                || stepMask.length != tb || targetMask.length != tb) {
            throw new IllegalArgumentException("batch arrays do not match [time=" + time + ", batch=" + batch
                    + ", in=" + inputSize + ", out=" + outputSize + "]");
        }
    }

    /** Number of steps that carry a target. */
    public int targetCount() {
        int n = 0;
        for (double m : targetMask) {
            n += m != 0 ? 1 : 0;
        }
        return n;
    }
}
