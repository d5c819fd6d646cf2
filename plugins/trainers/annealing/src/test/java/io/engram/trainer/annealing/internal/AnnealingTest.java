package io.engram.trainer.annealing.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.OptimizerFunctions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated annealing through ask and tell, on known functions and on its own bookkeeping. */
class AnnealingTest {
    private static final double B = OptimizerFunctions.RASTRIGIN_BOUND;

    private static Annealing annealing(double[] start, double bound, Annealing.Settings s) {
        return new Annealing(start, OptimizerFunctions.filled(start.length, -bound), OptimizerFunctions.filled(start.length, bound), s);
    }

    /** One chain of 32 moves of one value each, sigma 0.5 shrinking with T, exponential cooling. */
    private static Annealing.Settings oneValueMoves(double alpha, int generations) {
        return new Annealing.Settings(1, 32, 0.5, 1, true, Cooling.EXPONENTIAL, alpha, generations, 0, 0.8);
    }

    @Test
    void sphereIn10DimensionsFallsBelow1e6() {
        // 300 generations of 32 (9,601 evaluations) from (3, ..., 3), cost 90: seeds 1 to 5 reached 1.4e-7 to 2.8e-7
        for (long seed = 1; seed <= 3; seed++) {
            Annealing a = annealing(OptimizerFunctions.filled(10, 3.0), 1e9, oneValueMoves(0.97, 300));
            double best = OptimizerFunctions.minimise(a, OptimizerFunctions::sphere, 300, seed);
            assertTrue(best < 1e-6, "seed " + seed + ": " + best);
            assertEquals(best, OptimizerFunctions.sphere(a.best()), 0.0);
        }
    }

    @Test
    void sphereWithMovesOfAllValuesFallsBelow1e3() {
        // 4 chains x 8 moves of every value: seeds 1 to 5 reached 3.7e-5 to 5.5e-5 (moves of one value go further)
        for (long seed = 1; seed <= 3; seed++) {
            Annealing.Settings s = new Annealing.Settings(4, 8, 0.3, 0, true, Cooling.EXPONENTIAL, 0.97, 300, 0, 0.8);
            double best = OptimizerFunctions.minimise(annealing(OptimizerFunctions.filled(10, 3.0), 1e9, s), OptimizerFunctions::sphere, 300, seed);
            assertTrue(best < 1e-3, "seed " + seed + ": " + best);
        }
    }

    @Test
    void rastriginIn10DimensionsReachesTheGlobalBasin() {
        // 2,000 generations of 32 (64,001 evaluations) from (3, ..., 3), cost 90 (local minima at 1, 2, ...
        // away from the global one): seeds 1 to 5 reached 3.1e-4 to 4.9e-4, inside the global minimum's basin
        for (long seed = 1; seed <= 3; seed++) {
            Annealing a = annealing(OptimizerFunctions.filled(10, 3.0), B, oneValueMoves(0.997, 2000));
            double best = OptimizerFunctions.minimise(a, OptimizerFunctions::rastrigin, 2000, seed);
            assertTrue(best < 1e-2, "seed " + seed + ": " + best);
            for (double v : a.best()) {
                assertTrue(Math.abs(v) < 0.01, "seed " + seed + ": " + java.util.Arrays.toString(a.best()));
            }
        }
    }

    @Test
    void generationOneScoresTheStartAndEachChainsMovesWithinBounds() {
        double[] start = {0.5, -0.5, 0.9};
        Annealing a = annealing(start, 1.0, new Annealing.Settings(3, 4, 0.8, 1, false, Cooling.LINEAR, 0, 10, 0, 0.8));
        List<double[]> first = a.ask(1, 7);
        assertEquals(13, first.size());
        assertArrayEquals(start, first.get(0), 0.0);
        for (double[] x : first.subList(1, 13)) {
            int changed = 0;
            for (int i = 0; i < 3; i++) {
                changed += x[i] != start[i] ? 1 : 0;
                assertTrue(Math.abs(x[i]) <= 1.0, "inside the bounds: " + x[i]);
            }
            assertEquals(1, changed, "a move changes one value");
        }
        a.tell(new double[13]);
        assertEquals(12, a.ask(2, 8).size(), "later generations: chains x neighbours");
    }

    @Test
    void theEstimatedTemperatureCoolsByTheSchedule() {
        Annealing a = annealing(OptimizerFunctions.filled(4, 1.0), 1e9,
                new Annealing.Settings(2, 5, 0.3, 0, false, Cooling.EXPONENTIAL, 0.9, 50, 0, 0.8));
        double[] costs = cost(a.ask(1, 3));
        a.tell(costs);
        double t0 = InitialTemperature.estimate(costs, 0.8);
        assertTrue(t0 > 0);
        assertEquals(t0, a.initialTemperature(), 0.0);
        assertEquals(0.9 * t0, a.temperature(), 1e-12 * t0, "after one step");
        for (int g = 2; g <= 5; g++) {
            a.tell(cost(a.ask(g, g)));
        }
        assertEquals(Math.pow(0.9, 5) * t0, a.temperature(), 1e-12 * t0, "after five steps");
    }

    @Test
    void aColdChainRefusesEveryUphillMoveAndAHotOneTakesThem() {
        // the start is the minimum of |x|^2, so every move goes uphill
        Annealing cold = annealing(new double[4], 1e9, new Annealing.Settings(2, 3, 0.5, 0, false,
                Cooling.EXPONENTIAL, 0.9, 20, 1e-300, 0.8));
        assertEquals(0.0, OptimizerFunctions.minimise(cold, OptimizerFunctions::sphere, 20, 5), 0.0);
        assertEquals(0, cold.accepted());
        Annealing hot = annealing(new double[4], 1e9, new Annealing.Settings(2, 3, 0.5, 0, false,
                Cooling.EXPONENTIAL, 0.9, 20, 1e300, 0.8));
        OptimizerFunctions.minimise(hot, OptimizerFunctions::sphere, 20, 5);
        assertEquals(40, hot.accepted(), "2 chains x 20 steps");
        assertArrayEquals(new double[4], hot.best(), 0.0, "the best seen is still the start");
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Annealing a = annealing(OptimizerFunctions.filled(10, 3.0), B, oneValueMoves(0.99, 100));
        Annealing b = annealing(OptimizerFunctions.filled(10, 3.0), B, oneValueMoves(0.99, 100));
        assertEquals(OptimizerFunctions.minimise(a, OptimizerFunctions::rastrigin, 100, 9), OptimizerFunctions.minimise(b, OptimizerFunctions::rastrigin, 100, 9), 0.0);
        assertArrayEquals(a.best(), b.best(), 0.0);
        Annealing c = annealing(OptimizerFunctions.filled(10, 3.0), B, oneValueMoves(0.99, 100));
        OptimizerFunctions.minimise(c, OptimizerFunctions::rastrigin, 100, 10);
        assertTrue(!java.util.Arrays.equals(a.best(), c.best()), "another seed, another run");
    }

    @Test
    void beforeAnyTellTheBestIsTheStart() {
        Annealing a = annealing(new double[] {1, 2}, 10, oneValueMoves(0.9, 10));
        assertArrayEquals(new double[] {1, 2}, a.best(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, a.bestCost());
        double[] x = a.best();
        x[0] = 9;
        assertEquals(1.0, a.best()[0], "best() hands out a copy");
    }

    private static double[] cost(List<double[]> xs) {
        return xs.stream().mapToDouble(OptimizerFunctions::sphere).toArray();
    }
}
