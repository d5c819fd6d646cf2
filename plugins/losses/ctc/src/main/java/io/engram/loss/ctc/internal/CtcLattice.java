package io.engram.loss.ctc.internal;

import io.engram.api.Batch;
import io.engram.api.Labels;

/**
 * The host side of CTC for one padded batch: each sequence's label sequence {@code l} extended
 * with blanks to {@code l' = (blank, l_1, blank, l_2, ..., l_L, blank)} of length {@code 2L + 1}
 * (Graves et al. 2006, sec. 4.1), padded to the batch's longest {@code S}, and the index arrays and
 * masks that let {@link CtcLoss} run the recursion on all sequences at once. Checks that every label
 * is a class other than the blank, and finds the sequences whose labels need more steps than they
 * have (each label one step, and a blank between two equal labels): with {@link Impossible#ERROR}
 * the first of them is an error, otherwise they are marked ({@link #possible()}). Immutable.
 */
final class CtcLattice {
    private final int batch;
    private final int width;
    private final int[][] extended;
    private final int[] extendedLength;
    private final boolean[] possible;

    private CtcLattice(int batch, int width, int[][] extended, int[] extendedLength, boolean[] possible) {
        this.batch = batch;
        this.width = width;
        this.extended = extended;
        this.extendedLength = extendedLength;
        this.possible = possible;
    }

    /**
     * The lattice of {@code b}'s labels over {@code classes} outputs, the blank being class
     * {@value CtcLoss#BLANK}; a sequence with too few steps for its labels is an error when
     * {@code impossible} is {@link Impossible#ERROR}, else marked.
     *
     * @throws IllegalArgumentException naming the sequence of the batch and the label at fault, or
     *                                  the sequence, its steps and the steps its labels need
     */
    static CtcLattice of(Batch b, int classes, Impossible impossible) {
        Labels labels = b.labels();
        int n = b.batch();
        int width = 2 * labels.width() + 1;
        int[][] ext = new int[n][width];
        int[] len = new int[n];
        boolean[] possible = new boolean[n];
        for (int j = 0; j < n; j++) {
            int count = labels.length(j);
            int repeats = 0;
            for (int i = 0; i < count; i++) {
                int l = labels.get(j, i);
                if (l <= CtcLoss.BLANK || l >= classes) {
                    throw new IllegalArgumentException("ctc: sequence " + j + " of the batch has label " + l
                            + " at position " + i + "; labels are classes 1 to " + (classes - 1)
                            + " (class 0 is the blank)");
                }
                repeats += i > 0 && labels.get(j, i - 1) == l ? 1 : 0;
                ext[j][2 * i + 1] = l;
            }
            int steps = b.length(j);
            possible[j] = steps >= count + repeats;
            if (!possible[j] && impossible == Impossible.ERROR) {
                throw new IllegalArgumentException("ctc: sequence " + j + " of the batch has " + steps
                        + " steps, too few for its " + count + " labels (" + repeats
                        + " repeated, each needing a blank between): at least " + (count + repeats)
                        + " needed (loss ctc-infinite or ctc-zero-infinity score such a sequence instead)");
            }
            len[j] = 2 * count + 1;
        }
        return new CtcLattice(n, width, ext, len, possible);
    }

    /** The padded length {@code S} of the extended label sequences. */
    int width() {
        return width;
    }

    /**
     * Row indices into the {@code [time * batch * classes, 1]} log-probabilities giving the emission
     * {@code log y^t_{l'_s}} of sequence {@code b} at position {@code s}, in the order
     * {@code (t * batch + b) * S + s}.
     */
    int[] emissions(int time, int classes) {
        int[] idx = new int[time * batch * width];
        for (int t = 0; t < time; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                for (int s = 0; s < width; s++) {
                    idx[row * width + s] = row * classes + extended[b][s];
                }
            }
        }
        return idx;
    }

    /**
     * 1 where the transition from {@code s - 2} is allowed: {@code l'_s} is a label and differs from
     * {@code l'_{s-2}} (eq. 6), {@code [batch, S]}.
     */
    double[] skips() {
        double[] m = new double[batch * width];
        for (int b = 0; b < batch; b++) {
            for (int s = 3; s < extendedLength[b]; s += 2) {
                m[b * width + s] = extended[b][s] != extended[b][s - 2] ? 1 : 0;
            }
        }
        return m;
    }

    /** Row of each sequence's last position {@code |l'| - 1} in the {@code [batch * S, 1]} alphas. */
    int[] last() {
        int[] idx = new int[batch];
        for (int b = 0; b < batch; b++) {
            idx[b] = b * width + extendedLength[b] - 1;
        }
        return idx;
    }

    /** Row of each sequence's position {@code |l'| - 2} (its last label), or of {@link #last} when it has none. */
    int[] lastLabel() {
        int[] idx = new int[batch];
        for (int b = 0; b < batch; b++) {
            idx[b] = b * width + Math.max(0, extendedLength[b] - 2);
        }
        return idx;
    }

    /** 1 for sequences with steps enough for their labels, {@code [batch, 1]}. */
    double[] possible() {
        double[] m = new double[batch];
        for (int b = 0; b < batch; b++) {
            m[b] = possible[b] ? 1 : 0;
        }
        return m;
    }

    /** Whether every sequence has steps enough for its labels. */
    boolean allPossible() {
        for (boolean p : possible) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    /** 1 for sequences with at least one label, {@code [batch, 1]}. */
    double[] labelled() {
        double[] m = new double[batch];
        for (int b = 0; b < batch; b++) {
            m[b] = extendedLength[b] > 1 ? 1 : 0;
        }
        return m;
    }
}
