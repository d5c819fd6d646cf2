package io.engram.analyze.internal;

import java.util.List;

/**
 * The largest Lyapunov exponent of a network's dynamics by Benettin's method (Benettin, Galgani,
 * Giorgilli and Strelcyn, Meccanica 15, 1980): a tangent vector carried along the trajectory by the
 * Jacobian of each step ({@link StepMap#tangent}), renormalised to unit length after every step, and
 * the logarithms of its growth averaged over the steps:
 * {@code lambda = 1/T sum_t log |J_t v_t|}, per step of the map. For a network that integrates a
 * continuous-time system the exponent per unit of time is this divided by the duration of one step.
 * Stateless and thread-safe as the {@link StepMap} (one thread).
 */
final class Lyapunov {

    /**
     * An estimate.
     *
     * @param perStep the exponent per step ({@code -Infinity} when the tangent vanished)
     * @param steps   the steps averaged over
     */
    record Exponent(double perStep, int steps) {
    }

    private Lyapunov() {
    }

    /**
     * The exponent along the trajectory from {@code start} at step index {@code time0} under the
     * inputs {@code inputs} (one per step); the first {@code warmup} steps carry the vector without
     * being counted. The first tangent is drawn from {@code random}.
     */
    static Exponent of(StepMap map, double[] start, int time0, List<double[]> inputs, int warmup,
                       java.util.random.RandomGenerator random) {
        int n = map.dimension();
        double[] h = start.clone();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        normalise(v);
        double sum = 0;
        int counted = 0;
        double[] next = new double[n];
        for (int t = 0; t < inputs.size(); t++) {
            double[] jv = map.tangent(h, v, inputs.get(t), time0 + t, next);
            double growth = Dense.norm(jv);
            System.arraycopy(next, 0, h, 0, n);
            if (t >= warmup) {
                sum += Math.log(growth);
                counted++;
            }
            if (!(growth > 0) || !Double.isFinite(growth)) {
                return new Exponent(growth > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, counted);
            }
            for (int i = 0; i < n; i++) {
                v[i] = jv[i] / growth;
            }
        }
        return new Exponent(counted == 0 ? Double.NaN : sum / counted, counted);
    }

    private static void normalise(double[] v) {
        double norm = Dense.norm(v);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
    }
}
