package io.engram.train.internal;

import io.engram.api.Batch;
import io.engram.api.Labels;

/**
 * The target steps of a batch whose targets are labels of their own length (target sentences): a
 * view of the batch whose steps are the label steps, for a {@link io.engram.api.Decoder} decoded
 * over them. Step {@code t} of sequence {@code b} has the one-hot row of label {@code t} as its
 * target, and step mask and target mask 1 for {@code t < lengths[b]}, 0 in the padding after it; the
 * view has no inputs ({@code inputSize} 0) and keeps the labels. So a per-step loss such as softmax
 * cross-entropy scores it unchanged, averaged over the real target tokens
 * ({@link Batch#targetCount()}). Stateless.
 */
public final class LabelSteps {

    private LabelSteps() {
    }

    /** Whether {@code batch} is decoded over its labels rather than its per-step targets. */
    public static boolean applies(Batch batch) {
        return batch.labels().width() > 0;
    }

    /**
     * The label-step view of {@code batch}.
     *
     * @throws IllegalArgumentException when a label is not among the {@code outputSize} tokens, naming
     *                                  the sequence of the batch and the position
     */
    public static Batch of(Batch batch) {
        Labels labels = batch.labels();
        int n = batch.batch();
        int time = labels.width();
        int v = batch.outputSize();
        double[] targets = new double[time * n * v];
        double[] mask = new double[time * n];
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < labels.length(b); t++) {
                int token = labels.get(b, t);
                if (token < 0 || token >= v) {
                    throw new IllegalArgumentException("labels of sequence " + b + " of the batch: label " + t + " is "
                            + token + ", not among the " + v + " output tokens (0 to " + (v - 1) + ")");
                }
                targets[(t * n + b) * v + token] = 1.0;
                mask[t * n + b] = 1.0;
            }
        }
        return new Batch(time, n, 0, v, new double[0], targets, mask, mask.clone(), labels);
    }

    /**
     * The token fed to target step {@code t} of sequence {@code b} under teacher forcing: the start
     * token at step 0, else the true label of step {@code t - 1} (the start token in the padding).
     */
    public static int fed(Labels labels, int b, int t, int start) {
        return t == 0 || t - 1 >= labels.length(b) ? start : labels.get(b, t - 1);
    }
}
