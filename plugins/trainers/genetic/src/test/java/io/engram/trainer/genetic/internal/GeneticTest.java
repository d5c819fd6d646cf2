package io.engram.trainer.genetic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.OptimizerFunctions;
import io.engram.train.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneticTest {
    private static Genetic.Settings settings(int population, int elitism) {
        return new Genetic.Settings(population, elitism, 3, Crossover.UNIFORM, 0.9, 0.1, 0.3, 2.0);
    }

    @Test
    void minimisesTheSphereIn10Dimensions() {
        for (long seed = 1; seed <= 3; seed++) {
            double best = OptimizerFunctions.minimise(new Genetic(OptimizerFunctions.start(10, seed), settings(50, 1)),
                    OptimizerFunctions::sphere, 200, seed);
            assertTrue(best < 1e-2, "seed " + seed + ": best " + best + " after 200 generations of 50");
        }
    }

    @Test
    void minimisesRastriginIn10Dimensions() {
        for (long seed = 1; seed <= 5; seed++) {
            double start = OptimizerFunctions.rastrigin(OptimizerFunctions.start(10, seed));
            double best = OptimizerFunctions.minimise(new Genetic(OptimizerFunctions.start(10, seed), settings(100, 2)),
                    OptimizerFunctions::rastrigin, 400, seed);
            assertTrue(best < 3.5, "seed " + seed + ": from " + start + " to " + best + " after 400 generations of 100");
        }
    }

    @Test
    void elitesComeBackUnchangedAndTheBestNeverWorsens() {
        Genetic g = new Genetic(OptimizerFunctions.start(10, 7), settings(20, 2));
        double last = Double.POSITIVE_INFINITY;
        for (int gen = 1; gen <= 10; gen++) {
            List<double[]> c = g.ask(gen, Seeds.of(7, gen));
            assertEquals(20, c.size());
            if (gen > 1) {
                assertArrayEquals(g.best(), c.get(0), 0.0, "the best of the last generation is candidate 0");
            }
            double[] costs = c.stream().mapToDouble(OptimizerFunctions::sphere).toArray();
            g.tell(costs);
            assertTrue(g.bestCost() <= last);
            last = g.bestCost();
        }
    }

    @Test
    void theFirstGenerationHoldsTheStart() {
        double[] start = OptimizerFunctions.start(4, 3);
        Genetic g = new Genetic(start, settings(5, 1));
        assertArrayEquals(start, g.ask(1, 9).get(0), 0.0);
        assertArrayEquals(start, g.best(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, g.bestCost());
    }

    @Test
    void aWrongNumberOfCostsIsRefused() {
        Genetic g = new Genetic(new double[3], settings(5, 1));
        g.ask(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.tell(new double[4]));
        assertEquals("expected 5 costs, got 4", e.getMessage());
    }

    @Test
    void crossoversTakeTheirValuesFromTheParents() {
        double[] a = {0, 0, 0, 0, 0, 0};
        double[] b = {1, 2, 3, 4, 5, 6};
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 50; t++) {
            double[] u = Crossover.UNIFORM.apply(a, b, r);
            double[] o = Crossover.ONE_POINT.apply(a, b, r);
            double[] x = Crossover.BLEND.apply(a, b, r);
            boolean switched = false;
            for (int k = 0; k < a.length; k++) {
                assertTrue(u[k] == a[k] || u[k] == b[k]);
                assertTrue(o[k] == (switched ? b[k] : a[k]) || !switched && o[k] == b[k]);
                switched |= o[k] == b[k];
                assertTrue(x[k] >= -0.5 * b[k] && x[k] <= 1.5 * b[k], "blend " + x[k] + " outside BLX-0.5 of 0 and " + b[k]);
            }
            assertEquals(0.0, o[0], "one-point keeps the first value of the first parent");
            assertEquals(b[5], o[5], "and the last of the second");
        }
        assertEquals(Crossover.ONE_POINT, Crossover.of("one-point"));
    }
}
