package io.engram.family.memristive.internal;

/**
 * The fixed point {@code x*} of a circuit under constant sources: {@code x* = i(x*) / (alpha beta)}
 * where the memory lies inside {@code (0, 1)}, a window elsewhere (Caravelli, Traversa and Di Ventra
 * 2017). Found by Euler steps of {@code h = 1 / (2 alpha)} from {@code x = 1/2}: near the fixed point
 * every relaxation rate lies in {@code [alpha, 2 alpha)} (see {@link RelaxationRates}), so each step
 * shrinks the distance by a factor of at most 1/2. Stateless.
 */
final class FixedPoint {
    private static final int MAX_STEPS = 4000;
    private static final double TOLERANCE = 1e-13;

    private FixedPoint() {
    }

    /**
     * The fixed point of {@code circuit} under sources {@code s}.
     *
     * @throws IllegalStateException when the steps do not settle to {@code 1e-13} within 4000 steps
     */
    static double[] of(Circuit circuit, double[] s) {
        int e = circuit.size();
        double[] x = new double[e];
        java.util.Arrays.fill(x, 0.5);
        double h = 0.5 / circuit.alpha();
        for (int n = 0; n < MAX_STEPS; n++) {
            double[] before = x.clone();
            circuit.advance(x, s, h, 1);
            double change = 0;
            for (int k = 0; k < e; k++) {
                change = Math.max(change, Math.abs(x[k] - before[k]));
            }
            if (change < TOLERANCE) {
                return x;
            }
        }
        throw new IllegalStateException("memory did not settle within " + MAX_STEPS + " steps");
    }
}
