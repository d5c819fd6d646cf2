package io.engram.api;

/**
 * A padded batch, time-major, on the host: what a trainer uploads one step at a time.
 *
 * <p>Layout: {@code inputs[(t * batch + b) * inputSize + f]},
 * {@code targets[(t * batch + b) * outputSize + o]}, {@code stepMask[t * batch + b]} is 1 where
 * sequence {@code b} has a real step {@code t} (0 in padding: the state must pass through
 * unchanged), {@code targetMask[t * batch + b]} is 1 where that step contributes to the loss.
 * {@code labels} are the sequences' labels of their own length ({@link Labels#none} when the task has
 * none). The arrays are owned by the batch and must not be modified.
 */
public record Batch(int time, int batch, int inputSize, int outputSize,
                    double[] inputs, double[] targets, double[] stepMask, double[] targetMask, Labels labels) {

    public Batch {
        java.util.Objects.requireNonNull(labels, "labels");
        if (labels.batch() != batch) {
            throw new IllegalArgumentException("labels of " + labels.batch() + " sequences for a batch of " + batch);
        }
        int tb = time * batch;
        if (inputs.length != tb * inputSize || targets.length != tb * outputSize
                || stepMask.length != tb || targetMask.length != tb) {
            throw new IllegalArgumentException("batch arrays do not match [time=" + time + ", batch=" + batch
                    + ", in=" + inputSize + ", out=" + outputSize + "]");
        }
    }

    /** A batch without labels of their own length. */
    public Batch(int time, int batch, int inputSize, int outputSize,
                 double[] inputs, double[] targets, double[] stepMask, double[] targetMask) {
        this(time, batch, inputSize, outputSize, inputs, targets, stepMask, targetMask, Labels.none(batch));
    }

    /** Number of real steps of sequence {@code b} (its step mask's count). */
    public int length(int b) {
        int n = 0;
        for (int t = 0; t < time; t++) {
            n += stepMask[t * batch + b] != 0 ? 1 : 0;
        }
        return n;
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
