package io.engram.trainer.swarm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.OptimizerFunctions;
import io.engram.train.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Particle swarms through ask and tell, on known functions and on the update rule worked by hand. */
class SwarmTest {
    private static final double B = OptimizerFunctions.RASTRIGIN_BOUND;

    private static Swarm swarm(double[] start, double bound, SwarmSettings s) {
        return new Swarm(start, OptimizerFunctions.filled(start.length, -bound), OptimizerFunctions.filled(start.length, bound), s);
    }

    @Test
    void sphereIn10DimensionsFallsBelow1e10WithConstriction() {
        // 30 particles, c1 = c2 = 2.05, global best, 300 generations (9,000 evaluations) from (3, ..., 3) spread 1:
        // seeds 1 to 5 reached 2.8e-15 to 4.1e-14
        for (long seed = 1; seed <= 3; seed++) {
            SwarmSettings s = new SwarmSettings(30, 1.0, true, 2.05, 2.05, 0, 0, 0, Topology.GLOBAL, 300);
            Swarm o = swarm(OptimizerFunctions.filled(10, 3.0), 1e9, s);
            double best = OptimizerFunctions.minimise(o, OptimizerFunctions::sphere, 300, seed);
            assertTrue(best < 1e-10, "seed " + seed + ": " + best);
            assertEquals(best, OptimizerFunctions.sphere(o.best()), 0.0);
        }
    }

    @Test
    void rastriginIn10DimensionsFallsBelow5WithAFallingInertia() {
        // 60 particles, inertia 0.9 to 0.4, c1 = c2 = 1.49445, global best, positions spread over the
        // whole domain [-5.12, 5.12]^10 around (3, ..., 3), 2,000 generations (120,000 evaluations):
        // seeds 1 to 5 reached 1.99, 1.99, 0.995, 2.98, 1.99 (local minima next to the global one at 0)
        for (long seed = 1; seed <= 3; seed++) {
            SwarmSettings s = new SwarmSettings(60, B, false, 1.49445, 1.49445, 0.9, 0.4, 0, Topology.GLOBAL, 2000);
            double best = OptimizerFunctions.minimise(swarm(OptimizerFunctions.filled(10, 3.0), B, s), OptimizerFunctions::rastrigin, 2000, seed);
            assertTrue(best < 5, "seed " + seed + ": " + best);
        }
    }

    @Test
    void rastriginIn10DimensionsFallsBelow10WithConstrictionOnARing() {
        // 60 particles, constriction, ring of three, otherwise as above: seeds 1 to 5 reached 4.97, 6.96, 3.98, 7.96, 1.99
        for (long seed = 1; seed <= 3; seed++) {
            SwarmSettings s = new SwarmSettings(60, B, true, 2.05, 2.05, 0, 0, 0, Topology.RING, 2000);
            double best = OptimizerFunctions.minimise(swarm(OptimizerFunctions.filled(10, 3.0), B, s), OptimizerFunctions::rastrigin, 2000, seed);
            assertTrue(best < 10, "seed " + seed + ": " + best);
        }
    }

    @Test
    void theConstrictionCoefficientIsClercAndKennedys() {
        // phi = 4.1: 2 / |2 - 4.1 - sqrt(16.81 - 16.4)| = 2 / (2.1 + 0.6403124237) = 0.7298437881
        assertEquals(0.7298437881, new SwarmSettings(1, 1, true, 2.05, 2.05, 0, 0, 0, Topology.GLOBAL, 1).chi(), 1e-10);
        // phi = 5: 2 / |2 - 5 - sqrt(5)| = 2 / 5.236067977 = 0.3819660113
        assertEquals(0.3819660113, new SwarmSettings(1, 1, true, 2.5, 2.5, 0, 0, 0, Topology.GLOBAL, 1).chi(), 1e-10);
        assertTrue(Double.isNaN(new SwarmSettings(1, 1, true, 2.0, 2.0, 0, 0, 0, Topology.GLOBAL, 1).chi()));
    }

    @Test
    void theInertiaFallsLinearlyOverTheRun() {
        SwarmSettings s = new SwarmSettings(1, 1, false, 2, 2, 0.9, 0.4, 0, Topology.GLOBAL, 11);
        assertEquals(0.9, s.inertia(2), 1e-15);
        assertEquals(0.9 - 0.5 * 5 / 9, s.inertia(7), 1e-15);
        assertEquals(0.4, s.inertia(11), 1e-15);
        assertEquals(0.7, new SwarmSettings(1, 1, false, 2, 2, 0.7, 0.7, 0, Topology.GLOBAL, 11).inertia(5), 0.0);
    }

    @Test
    void theRingPullsTowardsTheBestOfThreeNeighboursAndGlobalTowardsTheBestOfAll() {
        double[] costs = {5, 3, 4, 9, 1, 7};
        assertEquals(4, Topology.GLOBAL.best(2, costs));
        assertEquals(1, Topology.RING.best(0, costs), "0 sees 5, 1 and 0: costs 7, 3, 5");
        assertEquals(1, Topology.RING.best(2, costs), "2 sees 1, 2, 3: costs 3, 4, 9");
        assertEquals(4, Topology.RING.best(5, costs), "5 sees 4, 5, 0: costs 1, 7, 5");
        assertEquals(0, Topology.RING.best(5, new double[] {2, 2, 2, 2, 2, 2}), "the lowest index among equals");
    }

    @Test
    void generationOneScattersTheParticlesAroundTheStart() {
        double[] start = {0.5, -0.2, 0.0};
        Swarm o = new Swarm(start, new double[] {-1, -1, 0}, new double[] {1, 1, 1},
                new SwarmSettings(8, 0.4, true, 2.05, 2.05, 0, 0, 0, Topology.RING, 10));
        List<double[]> xs = o.ask(1, 3);
        assertEquals(8, xs.size());
        assertArrayEquals(start, xs.get(0), 0.0);
        for (double[] x : xs.subList(1, 8)) {
            for (int d = 0; d < 3; d++) {
                assertTrue(Math.abs(x[d] - start[d]) <= 0.4, "within the spread: " + x[d]);
                assertTrue(x[d] >= (d == 2 ? 0 : -1) && x[d] <= 1, "inside the bounds");
            }
            assertArrayEquals(new double[3], o.velocity(1), 0.0, "velocities start at 0");
        }
    }

    @Test
    void aMoveFollowsTheInertiaUpdateClampedAndInsideTheBounds() {
        // two particles in one dimension with bounds [-1, 1]; w = 0.6, c1 = 1.5, c2 = 2.5, vmax = 0.3
        SwarmSettings s = new SwarmSettings(2, 0.5, false, 1.5, 2.5, 0.6, 0.6, 0.3, Topology.GLOBAL, 10);
        Swarm o = new Swarm(new double[] {0.2}, new double[] {-1}, new double[] {1}, s);
        List<double[]> first = o.ask(1, 11);
        double x0 = first.get(0)[0];
        double x1 = first.get(1)[0];
        o.tell(new double[] {2.0, 1.0});
        List<double[]> second = o.ask(2, 12);
        // particle 0: p = x0, l = x1 (the lower cost); v = 0.6 * 0 + 1.5 r1 (x0 - x0) + 2.5 r2 (x1 - x0)
        SplittableRandom r = new SplittableRandom(Seeds.of(12, 0));
        r.nextDouble();
        double v0 = Math.max(-0.3, Math.min(0.3, 2.5 * r.nextDouble() * (x1 - x0)));
        assertEquals(x0 + v0, second.get(0)[0], 1e-15);
        assertEquals(v0, o.velocity(0)[0], 1e-15);
        // particle 1 is its own and the swarm's best: it stays
        assertEquals(x1, second.get(1)[0], 0.0);
    }

    @Test
    void aParticlePushedThroughABoundStopsOnItWithVelocity0() {
        // cost -x pulls every particle towards and past the upper bound 1
        Swarm o = new Swarm(new double[] {0.0}, new double[] {-1}, new double[] {1},
                new SwarmSettings(6, 1.0, false, 2.0, 2.0, 0.9, 0.9, 0, Topology.GLOBAL, 20));
        int stopped = 0;
        for (int g = 1; g <= 20; g++) {
            List<double[]> xs = o.ask(g, g);
            double[] costs = new double[xs.size()];
            for (int i = 0; i < costs.length; i++) {
                double x = xs.get(i)[0];
                assertTrue(x >= -1 && x <= 1, "generation " + g + ": " + x);
                if (g > 1 && x == 1.0) {
                    assertEquals(0.0, o.velocity(i)[0], 0.0, "generation " + g + ", particle " + i);
                    stopped++;
                }
                costs[i] = -x;
            }
            o.tell(costs);
        }
        assertTrue(stopped > 0, "some particle hit the bound");
        assertEquals(-1.0, o.bestCost(), 0.0);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        SwarmSettings s = new SwarmSettings(20, B, true, 2.05, 2.05, 0, 0, 1.0, Topology.RING, 100);
        Swarm a = swarm(OptimizerFunctions.filled(10, 3.0), B, s);
        Swarm b = swarm(OptimizerFunctions.filled(10, 3.0), B, s);
        assertEquals(OptimizerFunctions.minimise(a, OptimizerFunctions::rastrigin, 100, 9), OptimizerFunctions.minimise(b, OptimizerFunctions::rastrigin, 100, 9), 0.0);
        assertArrayEquals(a.best(), b.best(), 0.0);
    }
}
