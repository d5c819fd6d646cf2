package io.engram.trainer.cosyne.internal;

import io.engram.train.Seeds;
import java.util.SplittableRandom;

/** The CoSyNE population's initialisation and permutation. Stateless. */
final class Subpopulations {
    private Subpopulations() {
    }

    /**
     * The {@code n x m} population around {@code start}: network 0 the start, every other value the
     * start's plus {@code sigma} times a standard normal number, network {@code j} drawn from
     * {@code Seeds.of(seed, j)}; a {@code fixed} parameter's values are all the start's (its normal
     * numbers are drawn and dropped).
     */
    static double[][] around(double[] start, int m, double sigma, boolean[] fixed, long seed) {
        double[][] x = new double[start.length][m];
        for (int j = 0; j < m; j++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, j));
            for (int i = 0; i < start.length; i++) {
                double noise = j == 0 ? 0.0 : sigma * r.nextGaussian();
                x[i][j] = fixed[i] ? start[i] : start[i] + noise;
            }
        }
        return x;
    }

    /**
     * Marks each place {@code j} of {@code values} with probability {@code marking[j]} and shuffles
     * the marked values among the marked places (Fisher-Yates), in place.
     */
    static void permute(double[] values, double[] marking, SplittableRandom r) {
        int[] marked = new int[values.length];
        int count = 0;
        for (int j = 0; j < values.length; j++) {
            if (marking[j] >= 1.0 || marking[j] > 0.0 && r.nextDouble() < marking[j]) {
                marked[count++] = j;
            }
        }
        for (int k = count - 1; k > 0; k--) {
            int o = r.nextInt(k + 1);
            double t = values[marked[k]];
            values[marked[k]] = values[marked[o]];
            values[marked[o]] = t;
        }
    }
}
