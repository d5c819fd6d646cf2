package io.engram.testkit;

import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Test functions for population optimisers (sphere and Rastrigin, both with their minimum 0 at the
 * origin), starting points, and a loop that runs an optimiser on a function by ask and tell, with
 * no network in between. Stateless; thread-safe.
 */
public final class OptimizerFunctions {
    /** Rastrigin's usual domain is {@code [-5.12, 5.12]^n}. */
    public static final double RASTRIGIN_BOUND = 5.12;

    private OptimizerFunctions() {
    }

    /** {@code sum x_k^2}. */
    public static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /**
     * Rastrigin's function (Rastrigin 1974; Muehlenbein, Schomisch and Born 1991)
     * {@code 10 n + sum (x_k^2 - 10 cos(2 pi x_k))}: a local minimum near every integer point.
     */
    public static double rastrigin(double[] x) {
        double s = 10.0 * x.length;
        for (double v : x) {
            s += v * v - 10.0 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }

    /** {@code n} copies of {@code v}. */
    public static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** A point drawn uniformly in {@code [-5.12, 5.12]^n} from {@code seed}. */
    public static double[] start(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = r.nextDouble(-RASTRIGIN_BOUND, RASTRIGIN_BOUND);
        }
        return x;
    }

    /**
     * Runs {@code generations} generations of {@code o} on {@code f}, generation {@code g} asked with
     * the seed {@code Seeds.of(seed, g)} as {@code PopulationSearch} does; returns the best cost.
     */
    public static double minimise(PopulationOptimizer o, ToDoubleFunction<double[]> f, int generations, long seed) {
        for (int g = 1; g <= generations; g++) {
            List<double[]> xs = o.ask(g, Seeds.of(seed, g));
            double[] costs = new double[xs.size()];
            for (int i = 0; i < costs.length; i++) {
                costs[i] = f.applyAsDouble(xs.get(i));
            }
            o.tell(costs);
        }
        return o.bestCost();
    }
}
