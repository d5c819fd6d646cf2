package io.engram.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Integer label sequences of a padded batch, each with its own length (CTC transcripts, target
 * sentences), on the host. Immutable (the arrays are copied in and out).
 *
 * <p>Layout: sequence {@code b} has {@code lengths[b]} labels at {@code values[b * width + i]} for
 * {@code i < lengths[b]}; the rest of its row is padding (0). {@code width} is the longest length
 * (0 when no sequence has labels).
 *
 * @param values  {@code [batch * width]}, padded
 * @param lengths {@code [batch]}, each in {@code [0, width]}
 * @param width   the padded length
 */
public record Labels(int[] values, int[] lengths, int width) {

    public Labels {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(lengths, "lengths");
        if (width < 0 || values.length != lengths.length * width) {
            throw new IllegalArgumentException("labels of " + lengths.length + " sequences padded to " + width
                    + " need " + ((long) lengths.length * Math.max(width, 0)) + " values, got " + values.length);
        }
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > width) {
                throw new IllegalArgumentException("labels of sequence " + b + ": length " + lengths[b]
                        + " outside [0, " + width + "]");
            }
        }
        values = values.clone();
        lengths = lengths.clone();
    }

    /** No labels for any of {@code batch} sequences. */
    public static Labels none(int batch) {
        return new Labels(new int[0], new int[batch], 0);
    }

    /** The label sequences of a batch, padded to the longest. */
    public static Labels of(int[]... sequences) {
        int width = 0;
        for (int[] s : sequences) {
            width = Math.max(width, s.length);
        }
        int[] values = new int[sequences.length * width];
        int[] lengths = new int[sequences.length];
        for (int b = 0; b < sequences.length; b++) {
            System.arraycopy(sequences[b], 0, values, b * width, sequences[b].length);
            lengths[b] = sequences[b].length;
        }
        return new Labels(values, lengths, width);
    }

    /** Number of sequences. */
    public int batch() {
        return lengths.length;
    }

    /** Whether no sequence has a label. */
    public boolean isEmpty() {
        return width == 0;
    }

    /** The labels of sequence {@code b}, a copy. */
    public int[] of(int b) {
        return Arrays.copyOfRange(values, b * width, b * width + lengths[b]);
    }

    /** Label {@code i} of sequence {@code b}, without copying. */
    public int get(int b, int i) {
        if (i < 0 || i >= lengths[b]) {
            throw new IndexOutOfBoundsException("label " + i + " of sequence " + b + " (it has " + lengths[b] + ")");
        }
        return values[b * width + i];
    }

    /** Number of labels of sequence {@code b}. */
    public int length(int b) {
        return lengths[b];
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && l.width == width && Arrays.equals(l.values, values)
                && Arrays.equals(l.lengths, lengths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + Arrays.hashCode(values)) + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Labels[");
        for (int b = 0; b < batch(); b++) {
            sb.append(b == 0 ? "" : ", ").append(Arrays.toString(of(b)));
        }
        return sb.append(']').toString();
    }
}
