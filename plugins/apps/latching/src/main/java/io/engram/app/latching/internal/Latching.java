package io.engram.app.latching.internal;

import io.engram.api.Sequence;
import java.util.SplittableRandom;

/**
 * One sequence of the latching problem (Bengio, Simard and Frasconi 1994, "Learning long-term
 * dependencies with gradient descent is difficult", IEEE Transactions on Neural Networks 5(2),
 * section III; the benchmark of Lin, Horne, Tino and Giles 1996, "Learning long-term dependencies in
 * NARX recurrent neural networks", IEEE Transactions on Neural Networks 7(6), section V). A sequence
 * of {@code length} steps has one input: its class {@code c} in {@code {-1, +1}} (equally likely) at
 * each of the first {@code key} steps, then Gaussian noise of mean 0 and variance {@code noise}. The
 * target, at the last step only, is {@code 0.8 c}: the network must latch the class over
 * {@code length - key} steps of noise. Stateless.
 */
final class Latching {
    /** The target's magnitude. */
    static final double TARGET = 0.8;

    private Latching() {
    }

    static Sequence sequence(SplittableRandom random, int length, int key, double noise) {
        double c = random.nextBoolean() ? 1.0 : -1.0;
        double sd = Math.sqrt(noise);
        double[][] x = new double[length][1];
        for (int t = 0; t < length; t++) {
            x[t][0] = t < key ? c : sd * gaussian(random);
        }
        double[][] y = new double[length][1];
        boolean[] mask = new boolean[length];
        y[length - 1][0] = TARGET * c;
        mask[length - 1] = true;
        return new Sequence(x, y, mask);
    }

    /** A standard normal draw by the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
