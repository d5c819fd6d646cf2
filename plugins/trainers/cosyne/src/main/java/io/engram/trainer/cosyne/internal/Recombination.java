package io.engram.trainer.cosyne.internal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * CoSyNE's recombination (Gomez et al. 2008, Algorithm 1 line 7): children of the best networks by
 * one-point crossover and Cauchy mutation. Stateless.
 */
final class Recombination {
    private Recombination() {
    }

    /**
     * {@code count} children of the networks {@code order[0..kept-1]} of {@code networks}: each pair
     * of distinct parents, drawn uniformly among them, gives two children that swap their values
     * after a cut drawn in {@code [1, n-1]}; each value of a child then gets, with probability
     * {@code rate}, Cauchy noise of scale {@code scale} ({@code scale tan(pi (u - 1/2))}), except a
     * {@code fixed} one (its numbers are drawn and dropped).
     */
    static double[][] children(List<double[]> networks, int[] order, int kept, int count, double rate, double scale,
            boolean[] fixed, SplittableRandom r) {
        double[][] out = new double[count][];
        for (int k = 0; k < count; k += 2) {
            int a = r.nextInt(kept);
            int b = (a + 1 + r.nextInt(kept - 1)) % kept;
            double[] p = networks.get(order[a]);
            double[] q = networks.get(order[b]);
            int n = p.length;
            int cut = n < 2 ? n : 1 + r.nextInt(n - 1);
            out[k] = mutate(splice(p, q, cut), rate, scale, fixed, r);
            if (k + 1 < count) {
                out[k + 1] = mutate(splice(q, p, cut), rate, scale, fixed, r);
            }
        }
        return out;
    }

    private static double[] splice(double[] head, double[] tail, int cut) {
        double[] c = tail.clone();
        System.arraycopy(head, 0, c, 0, cut);
        return c;
    }

    private static double[] mutate(double[] c, double rate, double scale, boolean[] fixed, SplittableRandom r) {
        for (int i = 0; i < c.length; i++) {
            if (r.nextDouble() < rate) {
                double noise = scale * Math.tan(Math.PI * (r.nextDouble() - 0.5));
                if (!fixed[i]) {
                    c[i] += noise;
                }
            }
        }
        return c;
    }
}
