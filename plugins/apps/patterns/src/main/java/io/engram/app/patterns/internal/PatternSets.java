package io.engram.app.patterns.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of one pattern task, drawn from a seed: {@code p} random bipolar patterns (each unit -1 or
 * +1 with probability 1/2, independently) and noisy cues of them.
 * <ul>
 *   <li>The stored set holds one one-step sequence per pattern: for {@code auto} the pattern is both
 *   the input and the target (an auto-associative memory stores the targets), for {@code pairs} the
 *   first pattern {@code x} (width {@code size}) is the input and its partner {@code y} (width
 *   {@code pairSize}) the target (a hetero-associative memory stores {@code [x; y]}).</li>
 *   <li>A cue set holds {@code count} sequences of {@code 1 + recallSteps} steps: cue {@code k} is
 *   the input pattern of pattern {@code k mod p} with exactly {@code round(noise * size)} units
 *   flipped (distinct units, chosen at random), given at the first step; the inputs after it are
 *   zeros (no unit is set, the memory runs freely), and the target is the clean target pattern, at
 *   the last step only.</li>
 * </ul>
 * Stateless and thread-safe; every random draw comes from the generator it is given.
 */
final class PatternSets {

    private PatternSets() {
    }

    /** {@code count} random bipolar rows of {@code width}, row-major. */
    static double[][] random(SplittableRandom r, int count, int width) {
        double[][] rows = new double[count][width];
        for (double[] row : rows) {
            for (int i = 0; i < width; i++) {
                row[i] = r.nextBoolean() ? 1 : -1;
            }
        }
        return rows;
    }

    /** One one-step sequence per pattern: input {@code inputs[k]}, target {@code targets[k]}. */
    static Dataset stored(double[][] inputs, double[][] targets) {
        List<Sequence> seqs = new ArrayList<>(inputs.length);
        for (int k = 0; k < inputs.length; k++) {
            seqs.add(Sequence.perStep(new double[][] {inputs[k].clone()}, new double[][] {targets[k].clone()}));
        }
        return new Dataset(seqs, inputs[0].length, targets[0].length);
    }

    /** {@code count} cue sequences of {@code 1 + recallSteps} steps, cue {@code k} of pattern {@code k mod p}. */
    static Dataset cues(SplittableRandom r, double[][] inputs, double[][] targets, int count, double noise,
                        int recallSteps) {
        int in = inputs[0].length;
        int out = targets[0].length;
        int flips = (int) Math.round(noise * in);
        List<Sequence> seqs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int mu = k % inputs.length;
            double[][] x = new double[1 + recallSteps][in];
            double[][] y = new double[1 + recallSteps][out];
            boolean[] mask = new boolean[1 + recallSteps];
            x[0] = flipped(r, inputs[mu], flips);
            y[recallSteps] = targets[mu].clone();
            mask[recallSteps] = true;
            seqs.add(new Sequence(x, y, mask));
        }
        return new Dataset(seqs, in, out);
    }

    /** {@code row} with {@code flips} distinct units, chosen by a partial Fisher-Yates shuffle, negated. */
    static double[] flipped(SplittableRandom r, double[] row, int flips) {
        double[] cue = row.clone();
        int[] order = new int[row.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < flips; i++) {
            int j = i + r.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            cue[order[i]] = -cue[order[i]];
        }
        return cue;
    }
}
