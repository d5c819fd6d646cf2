package io.engram.trainer.cosyne.internal;

import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Test functions to minimise, and an ask-and-tell loop over them. */
final class Functions {
    private Functions() {
    }

    /** {@code sum x_k^2}, minimum 0 at 0. */
    static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** Rastrigin's function {@code 10 n + sum (x_k^2 - 10 cos(2 pi x_k))}, minimum 0 at 0, a local minimum near every integer point. */
    static double rastrigin(double[] x) {
        double s = 10.0 * x.length;
        for (double v : x) {
            s += v * v - 10 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }

    /** A start drawn uniformly in [-5.12, 5.12]^n from {@code seed}. */
    static double[] start(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = r.nextDouble(-5.12, 5.12);
        }
        return x;
    }

    /** Runs {@code generations} of {@code o} on {@code f}, generation {@code g} seeded {@code Seeds.of(seed, g)}; the best cost. */
    static double minimise(PopulationOptimizer o, ToDoubleFunction<double[]> f, int generations, long seed) {
        for (int g = 1; g <= generations; g++) {
            List<double[]> c = o.ask(g, Seeds.of(seed, g));
            double[] costs = new double[c.size()];
            for (int i = 0; i < costs.length; i++) {
                costs[i] = f.applyAsDouble(c.get(i));
            }
            o.tell(costs);
        }
        return o.bestCost();
    }
}
