package io.engram.family.esn.internal;

import java.util.SplittableRandom;

/**
 * The fixed weights of a reservoir, drawn from a seed (Jaeger 2001, section 6; Jaeger and Haas
 * 2004): the reservoir matrix {@code W [N, N]} with each weight nonzero with probability
 * {@code connectivity} and then uniform in {@code [-1, 1]}, scaled so that its spectral radius is
 * {@code spectral.radius} ({@link SpectralRadius}); the input weights {@code W_in [inputs, N]},
 * nonzero with probability {@code input.connectivity}, uniform in {@code [-input.scaling,
 * input.scaling]}; the biases uniform in {@code [-bias.scaling, bias.scaling]}. Row-major arrays,
 * {@code W[i, j]} the weight from unit {@code i} to unit {@code j} (a state row times {@code W}).
 * The same settings, sizes and seed give the same weights, bit for bit. Immutable once drawn.
 *
 * @param w    {@code [N * N]}
 * @param in   {@code [inputs * N]}
 * @param bias {@code [N]}
 * @param rawRadius the estimated spectral radius of the matrix before scaling
 */
record Reservoir(double[] w, double[] in, double[] bias, double rawRadius) {

    static Reservoir draw(EsnSettings s, int inputs, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rw = root.split();
        SplittableRandom rin = root.split();
        SplittableRandom rb = root.split();
        long powerSeed = root.nextLong();
        int n = s.units();
        double[] w = sparse(rw, n * n, s.connectivity(), 1.0);
        double radius = radius(w, n, powerSeed);
        if (radius > 0) {
            double scale = s.spectralRadius() / radius;
            for (int i = 0; i < w.length; i++) {
                w[i] *= scale;
            }
        }
        double[] in = sparse(rin, inputs * n, s.inputConnectivity(), s.inputScaling());
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            bias[i] = s.biasScaling() * rb.nextDouble(-1, 1);
        }
        return new Reservoir(w, in, bias, radius);
    }

    private static double[] sparse(SplittableRandom r, int size, double density, double scale) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            if (r.nextDouble() < density) {
                a[i] = scale * r.nextDouble(-1, 1);
            }
        }
        return a;
    }

    /** The spectral radius of the dense row-major {@code [n, n]} matrix {@code w}, through its nonzeros. */
    static double radius(double[] w, int n, long seed) {
        int nonzero = 0;
        for (double v : w) {
            nonzero += v != 0 ? 1 : 0;
        }
        int[] start = new int[n + 1];
        int[] columns = new int[nonzero];
        double[] values = new double[nonzero];
        int k = 0;
        for (int i = 0; i < n; i++) {
            start[i] = k;
            for (int j = 0; j < n; j++) {
                if (w[i * n + j] != 0) {
                    columns[k] = j;
                    values[k++] = w[i * n + j];
                }
            }
        }
        start[n] = k;
        return SpectralRadius.estimate(n, start, columns, values, seed);
    }
}
