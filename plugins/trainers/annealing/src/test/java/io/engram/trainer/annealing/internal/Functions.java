package io.engram.trainer.annealing.internal;

import io.engram.train.PopulationOptimizer;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Test functions to minimise, and a loop that asks and tells an optimiser on them. */
final class Functions {
    static final double RASTRIGIN_BOUND = 5.12;

    private Functions() {
    }

    /** sum x_i^2, minimum 0 at the origin. */
    static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** Rastrigin (1974; Muehlenbein et al. 1991): 10 n + sum (x_i^2 - 10 cos(2 pi x_i)), minimum 0 at the origin. */
    static double rastrigin(double[] x) {
        double s = 10.0 * x.length;
        for (double v : x) {
            s += v * v - 10.0 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Runs {@code generations} generations of ask and tell on {@code f} from {@code seed}; the best cost. */
    static double minimise(PopulationOptimizer o, ToDoubleFunction<double[]> f, int generations, long seed) {
        for (int g = 1; g <= generations; g++) {
            List<double[]> xs = o.ask(g, io.engram.train.Seeds.of(seed, g));
            double[] c = new double[xs.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = f.applyAsDouble(xs.get(i));
            }
            o.tell(c);
        }
        return o.bestCost();
    }
}
