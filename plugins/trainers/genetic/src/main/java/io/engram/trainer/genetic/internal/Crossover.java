package io.engram.trainer.genetic.internal;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The crossover operators of the real-valued genetic algorithm, each making one child from two
 * parents of the same length (Eiben and Smith 2015, Introduction to Evolutionary Computing, sec. 4.4.3):
 * <ul>
 *   <li>{@code uniform}: each value from either parent with probability 1/2;</li>
 *   <li>{@code one-point}: the first parent's values up to a cut drawn uniformly in
 *   {@code [1, n-1]}, the second's from there on (a copy of the first when {@code n = 1});</li>
 *   <li>{@code blend}: BLX-0.5 (Eshelman and Schaffer 1993): each value drawn uniformly from the
 *   interval spanned by the parents' values widened by half its length on each side.</li>
 * </ul>
 * Stateless; the random numbers come from the caller's generator.
 */
enum Crossover {
    UNIFORM, ONE_POINT, BLEND;

    /** The operator named {@code name} ({@code uniform}, {@code one-point} or {@code blend}). */
    static Crossover of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A new child of {@code a} and {@code b}. */
    double[] apply(double[] a, double[] b, SplittableRandom r) {
        double[] c = new double[a.length];
        switch (this) {
            case UNIFORM -> {
                for (int k = 0; k < c.length; k++) {
                    c[k] = r.nextBoolean() ? a[k] : b[k];
                }
            }
            case ONE_POINT -> {
                int cut = c.length < 2 ? c.length : 1 + r.nextInt(c.length - 1);
                for (int k = 0; k < c.length; k++) {
                    c[k] = k < cut ? a[k] : b[k];
                }
            }
            case BLEND -> {
                for (int k = 0; k < c.length; k++) {
                    double lo = Math.min(a[k], b[k]);
                    double span = Math.abs(a[k] - b[k]);
                    c[k] = lo - 0.5 * span + 2 * span * r.nextDouble();
                }
            }
            default -> throw new IllegalStateException("no crossover " + this);
        }
        return c;
    }
}
