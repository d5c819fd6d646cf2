package io.engram.app.grammar.internal;

import io.engram.api.Sequence;
import java.util.SplittableRandom;

/**
 * The adding problem of Hochreiter and Schmidhuber (1997), "Long short-term memory", Neural
 * Computation 9(8), section 5.4 (experiment 4). Each step carries a pair: a value drawn uniformly
 * from {@code [-1, 1]} and a marker in {@code {-1, 0, 1}}. A sequence has a random length between
 * {@code T} and {@code T + T/10}. One of the first ten pairs is marked 1 (its value is {@code X1}),
 * then one of the first {@code T/2 - 1} pairs not yet marked (value {@code X2}); the first and last
 * pairs, unless marked, carry marker -1, all others 0. When the first pair is marked, {@code X1} is
 * taken as 0 (the second mark is never put on the first pair). The target, at the last step only, is {@code 0.5 + (X1 + X2) / 4}. A sequence counts
 * as processed correctly when the absolute error at the end is below 0.04.
 */
final class Adding {
    static final double TOLERANCE = 0.04;

    private Adding() {
    }

    static Sequence sequence(SplittableRandom random, int minLength) {
        int length = minLength + random.nextInt(minLength / 10 + 1);
        double[][] x = new double[length][2];
        for (int t = 0; t < length; t++) {
            x[t][0] = 2 * random.nextDouble() - 1;
        }
        int first = random.nextInt(Math.min(10, length));
        int window = Math.max(2, minLength / 2 - 1);
        int second;
        do {
            second = 1 + random.nextInt(Math.min(window, length) - 1);
        } while (second == first);
        x[0][1] = -1;
        x[length - 1][1] = -1;
        x[first][1] = 1;
        x[second][1] = 1;
        double x1 = first == 0 ? 0 : x[first][0];
        double x2 = x[second][0];
        double[][] y = new double[length][1];
        boolean[] mask = new boolean[length];
        y[length - 1][0] = 0.5 + (x1 + x2) / 4.0;
        mask[length - 1] = true;
        return new Sequence(x, y, mask);
    }
}
