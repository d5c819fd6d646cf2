package io.engram.app.music.internal;

import io.engram.api.Sequence;
import java.util.SplittableRandom;

/**
 * The network's view of a {@link Score}, as in Eck and Schmidhuber (2002, section 3.1): one unit per
 * melody key in {@code [low, high]} and one for a rest (local, one-hot), then twelve chord units, one
 * per pitch class (several on at once). Input at step {@code t} is step {@code t} of the score, the
 * target is step {@code t + 1}: next-step prediction of melody and chord, with sigmoid outputs and
 * cross-entropy ({@code sigmoid-bce}). Immutable.
 *
 * @param low  the lowest melody key
 * @param high the highest melody key
 */
record Encoding(int low, int high) {
    Encoding {
        if (high < low) {
            throw new IllegalArgumentException("high " + high + " below low " + low);
        }
    }

    /** Melody units: the keys, then the rest. */
    int melodyUnits() {
        return high - low + 2;
    }

    int width() {
        return melodyUnits() + 12;
    }

    /** The melody unit of a key, or of {@link Score#REST}. */
    int unit(int key) {
        return key == Score.REST ? melodyUnits() - 1 : key - low;
    }

    /** The key of a melody unit, or {@link Score#REST}. */
    int key(int unit) {
        return unit == melodyUnits() - 1 ? Score.REST : low + unit;
    }

    /** One step as the network's input. */
    double[] encode(int key, int chord) {
        double[] v = new double[width()];
        v[unit(key)] = 1;
        for (int pc = 0; pc < 12; pc++) {
            v[melodyUnits() + pc] = chord >> pc & 1;
        }
        return v;
    }

    /** The score as a training sequence of {@code length - 1} steps: inputs its steps, targets the next. */
    Sequence sequence(Score score) {
        int n = score.length() - 1;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = encode(score.melodyAt(t), score.chordAt(t));
            y[t] = encode(score.melodyAt(t + 1), score.chordAt(t + 1));
        }
        return Sequence.perStep(x, y);
    }

    /** The melody unit that {@code row} (a target or input row) holds. */
    int melodyUnit(double[] row) {
        int best = 0;
        for (int u = 1; u < melodyUnits(); u++) {
            if (row[u] > row[best]) {
                best = u;
            }
        }
        return best;
    }

    /** The chord mask of a row of probabilities or targets: the pitch classes above one half. */
    int chord(double[] row) {
        int m = 0;
        for (int pc = 0; pc < 12; pc++) {
            m |= row[melodyUnits() + pc] > 0.5 ? 1 << pc : 0;
        }
        return m;
    }

    /**
     * A melody unit drawn in proportion to the melody units' probabilities {@code p} (sigmoid
     * outputs, normalised over the melody units as in the paper's composition runs) raised to
     * {@code 1 / temperature}: at 1 as they are, below 1 sharpened toward the likeliest units (the
     * many small outputs of unlikely keys no longer add up to a large chance of a wrong note).
     */
    int sampleMelody(double[] p, double temperature, SplittableRandom r) {
        double[] w = new double[melodyUnits()];
        double sum = 0;
        for (int u = 0; u < melodyUnits(); u++) {
            w[u] = Math.pow(p[u], 1 / temperature);
            sum += w[u];
        }
        double x = r.nextDouble() * sum;
        for (int u = 0; u < melodyUnits(); u++) {
            x -= w[u];
            if (x < 0) {
                return u;
            }
        }
        return melodyUnits() - 1;
    }
}
