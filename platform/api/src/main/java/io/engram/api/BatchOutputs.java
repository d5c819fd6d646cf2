package io.engram.api;

import io.engram.tensor.Tensor;
import java.util.Objects;

/**
 * What a {@link Loss} sees of one padded batch: the network's raw outputs of every step, stacked
 * time-major like {@link Steps#outputs()}, and what they are compared with. Row {@code t * batch + b}
 * of each tensor belongs to sequence {@code b} at step {@code t}. The tensors come from the ops the
 * loss is called with (outputs may be taped or carry tangents; the rest are constants).
 *
 * @param batch    the host batch: sizes, host masks, and {@link Batch#labels()}, the labels of each
 *                 sequence with their own length
 * @param outputs  {@code [time * batch, outputSize]}
 * @param targets  {@code [time * batch, outputSize]}, the per-step targets
 * @param stepMask {@code [time * batch, 1]}: 1 where sequence {@code b} has a real step {@code t}
 * @param lossMask {@code [time * batch, 1]}: step mask times target mask, 1 where a per-step target counts
 */
public record BatchOutputs(Batch batch, Tensor outputs, Tensor targets, Tensor stepMask, Tensor lossMask) {

    public BatchOutputs {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(stepMask, "stepMask");
        Objects.requireNonNull(lossMask, "lossMask");
    }

    /** The labels of each sequence, with their own lengths. */
    public Labels labels() {
        return batch.labels();
    }

    /** Number of steps (the padded length). */
    public int time() {
        return batch.time();
    }

    /** Number of sequences. */
    public int size() {
        return batch.batch();
    }
}
