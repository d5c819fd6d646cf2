package io.engram.app.algorithmic.internal;

import io.engram.api.Sequence;
import java.util.SplittableRandom;

/**
 * The sequences of the algorithmic tasks of Graves, Wayne and Danihelka (2014), "Neural Turing
 * machines", arXiv:1410.5401, section 4, on random vectors of {@code bits} bits (each bit 0 or 1 with
 * probability one half). Targets are set only where an answer is due. Stateless.
 * <ul>
 *   <li><b>copy</b> (section 4.1): {@code T} vectors, then one step with the delimiter channel set,
 *   then {@code T} blank steps in which the vectors are due in order. Inputs {@code bits + 1},
 *   outputs {@code bits}; {@code 2T + 1} steps.</li>
 *   <li><b>repeat-copy</b> (section 4.2): {@code T} vectors, then one step with the delimiter channel
 *   set and the repeat channel at {@code n / repeats.max}, then the vectors {@code n} times over and a
 *   last step with the end channel set. Inputs {@code bits + 2}, outputs {@code bits + 1};
 *   {@code T + 2 + nT} steps.</li>
 *   <li><b>recall</b> (associative recall, section 4.3): {@code k} items of {@code L} vectors each,
 *   every item after a step with the item channel set; then a step with the query channel set, one
 *   of the first {@code k - 1} items, the query step again, and {@code L} blank steps in which the
 *   item that followed the query is due. Inputs {@code bits + 2}, outputs {@code bits};
 *   {@code (k + 1)(L + 1) + 1 + L} steps.</li>
 * </ul>
 */
final class Tasks {

    private Tasks() {
    }

    static int inputs(String task, int bits) {
        return task.equals("lookahead") ? bits : task.equals("copy") ? bits + 1 : bits + 2;
    }

    static int outputs(String task, int bits) {
        return task.equals("repeat-copy") ? bits + 1 : bits;
    }

    /** The number of steps of a sequence of this task with {@code size} vectors (items for recall). */
    static int length(String task, int size, int repeats, int itemLength) {
        switch (task) {
            case "copy": return 2 * size + 1;
            case "repeat-copy": return size + 2 + repeats * size;
            case "lookahead": return size;
            default: return (size + 1) * (itemLength + 1) + 1 + itemLength;
        }
    }

    static Sequence copy(SplittableRandom random, int bits, int size) {
        double[][] seq = vectors(random, size, bits);
        int steps = 2 * size + 1;
        double[][] x = new double[steps][bits + 1];
        double[][] y = new double[steps][bits];
        boolean[] due = new boolean[steps];
        for (int t = 0; t < size; t++) {
            System.arraycopy(seq[t], 0, x[t], 0, bits);
            y[size + 1 + t] = seq[t].clone();
            due[size + 1 + t] = true;
        }
        x[size][bits] = 1.0;
        return new Sequence(x, y, due);
    }

    static Sequence repeatCopy(SplittableRandom random, int bits, int size, int repeats, int maxRepeats) {
        double[][] seq = vectors(random, size, bits);
        int steps = size + 2 + repeats * size;
        double[][] x = new double[steps][bits + 2];
        double[][] y = new double[steps][bits + 1];
        boolean[] due = new boolean[steps];
        for (int t = 0; t < size; t++) {
            System.arraycopy(seq[t], 0, x[t], 0, bits);
        }
        x[size][bits] = 1.0;
        x[size][bits + 1] = repeats / (double) maxRepeats;
        for (int k = 0; k < repeats * size; k++) {
            System.arraycopy(seq[k % size], 0, y[size + 1 + k], 0, bits);
            due[size + 1 + k] = true;
        }
        y[steps - 1][bits] = 1.0;
        due[steps - 1] = true;
        return new Sequence(x, y, due);
    }

    static Sequence recall(SplittableRandom random, int bits, int items, int itemLength) {
        double[][][] item = new double[items][][];
        for (int i = 0; i < items; i++) {
            item[i] = vectors(random, itemLength, bits);
        }
        int query = random.nextInt(items - 1);
        int steps = (items + 1) * (itemLength + 1) + 1 + itemLength;
        double[][] x = new double[steps][bits + 2];
        double[][] y = new double[steps][bits];
        boolean[] due = new boolean[steps];
        int t = 0;
        for (int i = 0; i <= items; i++) {
            x[t++][i < items ? bits : bits + 1] = 1.0;
            for (double[] v : item[i < items ? i : query]) {
                System.arraycopy(v, 0, x[t++], 0, bits);
            }
        }
        x[t++][bits + 1] = 1.0;
        for (double[] v : item[query + 1]) {
            y[t] = v.clone();
            due[t++] = true;
        }
        return new Sequence(x, y, due);
    }

    static Sequence lookahead(SplittableRandom random, int bits, int size, int ahead) {
        double[][] x = vectors(random, size, bits);
        double[][] y = new double[size][bits];
        boolean[] due = new boolean[size];
        for (int t = 0; t + ahead < size; t++) {
            y[t] = x[t + ahead].clone();
            due[t] = true;
        }
        return new Sequence(x, y, due);
    }

    private static double[][] vectors(SplittableRandom random, int count, int bits) {
        double[][] v = new double[count][bits];
        for (double[] row : v) {
            for (int b = 0; b < bits; b++) {
                row[b] = random.nextBoolean() ? 1.0 : 0.0;
            }
        }
        return v;
    }
}
