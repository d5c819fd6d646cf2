package io.engram.app.robotcontrol.internal;

/**
 * The "damping" fitness of Gruau, Whitley and Pyeatt 1996 ("A comparison between cellular encoding
 * and direct encoding for genetic neural networks", GP-96), used for double pole without velocities
 * by Gomez et al. 2008 (CoSyNE, section 6.1): {@code f = 0.1 f1 + 0.9 f2} with {@code f1 = t / 1000}
 * and {@code f2 = 0} when {@code t < 100}, else
 * {@code 0.75 / sum over the last 100 steps of (|x| + |x'| + |theta_1| + |theta_1'|)}, where
 * {@code t} is the number of steps balanced and the sum runs over the states after those steps. It
 * rewards controllers that keep the cart and long pole still rather than swinging.
 *
 * <p>Keeps the last {@value #WINDOW} terms in a ring allocated once. Not thread-safe: one per episode.
 */
final class Damping {
    static final int WINDOW = 100;
    /** The least sum divided by, so that a plant at rest to the last bit still scores finitely. */
    static final double STILL = 1e-12;

    private final double[] terms = new double[WINDOW];
    private int count;

    /** Records the state {@code s} after a balanced step. */
    void record(double[] s) {
        terms[count % WINDOW] = Math.abs(s[0]) + Math.abs(s[1]) + Math.abs(s[2]) + Math.abs(s[3]);
        count++;
    }

    /** The fitness after {@code balanced} steps, the last of which {@link #record} saw. */
    double fitness(int balanced) {
        return formula(balanced, balanced < WINDOW ? 0 : sum());
    }

    private double sum() {
        double sum = 0;
        for (double t : terms) {
            sum += t;
        }
        return sum;
    }

    /** {@code 0.1 t/1000 + 0.9 f2} for {@code t} steps balanced whose last 100 terms add to {@code sum}. */
    static double formula(int balanced, double sum) {
        double f2 = balanced < WINDOW ? 0 : 0.75 / Math.max(sum, STILL);
        return 0.1 * balanced / 1000.0 + 0.9 * f2;
    }
}
