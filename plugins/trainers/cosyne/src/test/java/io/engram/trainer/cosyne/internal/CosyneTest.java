package io.engram.trainer.cosyne.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.OptimizerFunctions;
import io.engram.train.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CosyneTest {
    private static Cosyne.Settings settings(int population, boolean all) {
        return new Cosyne.Settings(population, 0.25, 0.75, 0.3, 0.1, all, 2.0);
    }

    @Test
    void minimisesTheSphereIn10Dimensions() {
        for (long seed = 1; seed <= 3; seed++) {
            double best = OptimizerFunctions.minimise(new Cosyne(OptimizerFunctions.start(10, seed), settings(50, false)),
                    OptimizerFunctions::sphere, 200, seed);
            assertTrue(best < 1e-3, "seed " + seed + ": best " + best + " after 200 generations of 50");
        }
    }

    @Test
    void minimisesRastriginIn10Dimensions() {
        for (long seed = 1; seed <= 5; seed++) {
            double best = OptimizerFunctions.minimise(new Cosyne(OptimizerFunctions.start(10, seed), settings(100, false)),
                    OptimizerFunctions::rastrigin, 400, seed);
            assertTrue(best < 1.5, "seed " + seed + ": best " + best + " after 400 generations of 100");
        }
    }

    @Test
    void permutingAllValuesAlsoMinimisesRastrigin() {
        double best = OptimizerFunctions.minimise(new Cosyne(OptimizerFunctions.start(10, 1), settings(100, true)),
                OptimizerFunctions::rastrigin, 400, 1);
        assertTrue(best < 1.0, "best " + best);
    }

    @Test
    void eachSubpopulationKeepsItsBestValuesAndTakesTheChildren() {
        double[] start = OptimizerFunctions.start(6, 2);
        Cosyne c = new Cosyne(start, settings(8, false));
        List<double[]> first = c.ask(1, Seeds.of(4, 1));
        assertArrayEquals(start, first.get(0), 0.0, "network 0 is the start");
        double[] costs = first.stream().mapToDouble(OptimizerFunctions::sphere).toArray();
        c.tell(costs);
        int[] order = Ranking.ascending(costs);
        List<double[]> second = c.ask(2, Seeds.of(4, 2));
        for (int i = 0; i < start.length; i++) {
            int p = i;
            double[] before = first.stream().mapToDouble(v -> v[p]).toArray();
            double[] after = second.stream().mapToDouble(v -> v[p]).sorted().toArray();
            for (int r = 0; r < 2; r++) {
                double kept = before[order[r]];
                assertTrue(Arrays.stream(after).anyMatch(v -> v == kept), "parameter " + i + " keeps the value of rank " + r);
            }
        }
        assertArrayEquals(first.get(order[0]), c.best(), 0.0);
        assertEquals(costs[order[0]], c.bestCost());
    }

    @Test
    void theBestNetworkIsNeverMarkedAndUnscoredOnesAlwaysAre() {
        double[] values = {1, 2, 3, 4};
        double[] marking = {0.0, 1.0, 1.0, 0.0};
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            double[] v = values.clone();
            Subpopulations.permute(v, marking, r);
            assertEquals(1.0, v[0]);
            assertEquals(4.0, v[3]);
            assertEquals(5.0, v[1] + v[2], 0.0);
        }
    }

    @Test
    void cauchyMutationHasHeavyTails() {
        double[][] kids = Recombination.children(List.of(new double[1000], new double[1000]), new int[] {0, 1}, 2, 2,
                1.0, 0.3, new boolean[1000], new SplittableRandom(9));
        double[] v = Arrays.stream(kids[0]).map(Math::abs).sorted().toArray();
        assertEquals(0.3, v[500], 0.05, "the median of |Cauchy(0.3)| is its scale");
        assertTrue(v[990] > 0.3 * 20, "the 99th percentile of |Cauchy| is about 64 scales, not 2.6 as a Gaussian's");
    }

    @Test
    void aWrongNumberOfCostsIsRefused() {
        Cosyne c = new Cosyne(new double[3], settings(5, false));
        c.ask(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.tell(new double[4]));
        assertEquals("expected 5 costs, got 4", e.getMessage());
    }
}
