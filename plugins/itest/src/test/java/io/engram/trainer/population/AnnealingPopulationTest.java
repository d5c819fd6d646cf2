package io.engram.trainer.population;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Network;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.annealing.internal.AnnealingTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The annealing trainer on Elman networks: the delayed echo, the cart-pole, and 1 or 2 workers. */
class AnnealingPopulationTest {
    private static final AnnealingTrainer TRAINER = new AnnealingTrainer();

    /** One chain, 16 moves of one parameter per generation, sigma 0.3 shrinking with T, alpha 0.98. */
    private static final Map<String, String> ECHO = Map.of("generations", "300", "chains", "1", "neighbours", "16",
            "sigma", "0.3", "values", "1", "step.shrink", "true", "alpha", "0.98");

    @Test
    void anElmanNetLearnsToEchoItsPreviousInput() {
        // 4 hidden units, 29 parameters, 4,817 evaluations: seeds 1, 2, 3 reached mse 7.9e-4, 7.0e-4, 1.15e-3
        Network net = PopulationRuns.elman(1, 1, 4, 1);
        TestTrainingContext c = PopulationRuns.onEcho(TRAINER, net, ECHO, 1, 2);
        double before = PopulationRuns.echoLoss(c, PopulationRuns.elman(1, 1, 4, 1));
        double after = PopulationRuns.echoLoss(c, net);
        System.out.printf("annealing, delayed echo: mse %.4g -> %.4g%n", before, after);
        assertTrue(after < 0.005, "mse " + after);
        assertTrue(after < before / 20, "mse " + before + " -> " + after);
        double[] losses = PopulationRuns.losses(c);
        assertEquals(after, losses[losses.length - 1], 1e-12, "the network holds the best point");
    }

    @Test
    void anElmanControllerBalancesThePole() {
        // 2 chains x 8 moves, 3 episodes per candidate: seed 1 reached 500 steps in generation 31
        // (1,491 evaluations), 478.9 on average over 20 held-out starts; seeds 2 and 3 in generations 3 and 12
        Network net = PopulationRuns.elman(4, 1, 4, 1);
        TestTrainingContext c = PopulationRuns.onCartPole(TRAINER, net, Map.of("generations", "60", "chains", "2",
                "neighbours", "8", "sigma", "0.3", "episodes", "3", "target.fitness", "500"), 1, 2);
        List<Map<String, Double>> m = PopulationRuns.metrics(c);
        Map<String, Double> last = m.get(m.size() - 1);
        double held = PopulationRuns.heldOutBalance(net);
        System.out.printf("annealing, cart-pole: 500 steps after %d generations, %.0f evaluations; held out %.1f%n",
                m.size(), last.get("evaluations"), held);
        assertEquals(500.0, last.get("fitness"), 0.0);
        assertTrue(last.get("evaluations") <= 2000, "evaluations " + last.get("evaluations"));
        assertTrue(held >= 400, "mean steps over 20 held-out starts " + held);
    }

    @Test
    void oneAndTwoWorkersGiveBitIdenticalRuns() {
        Map<String, String> hyper = Map.of("generations", "12", "chains", "3", "neighbours", "5", "sigma", "0.3",
                "cooling", "logarithmic", "step.shrink", "true");
        Network a = PopulationRuns.elman(1, 1, 4, 3);
        Network b = PopulationRuns.elman(1, 1, 4, 3);
        TestTrainingContext ca = PopulationRuns.onEcho(TRAINER, a, hyper, 6, 1);
        TestTrainingContext cb = PopulationRuns.onEcho(TRAINER, b, hyper, 6, 2);
        assertArrayEquals(PopulationRuns.flat(a), PopulationRuns.flat(b), 0.0);
        assertArrayEquals(PopulationRuns.losses(ca), PopulationRuns.losses(cb), 0.0);
        assertEquals(PopulationRuns.metrics(ca), PopulationRuns.metrics(cb));

        Map<String, String> control = Map.of("generations", "5", "chains", "2", "neighbours", "4", "sigma", "0.3",
                "episodes", "2");
        Network p = PopulationRuns.elman(4, 1, 4, 3);
        Network q = PopulationRuns.elman(4, 1, 4, 3);
        TestTrainingContext cp = PopulationRuns.onCartPole(TRAINER, p, control, 6, 1);
        TestTrainingContext cq = PopulationRuns.onCartPole(TRAINER, q, control, 6, 2);
        assertArrayEquals(PopulationRuns.flat(p), PopulationRuns.flat(q), 0.0);
        assertEquals(PopulationRuns.metrics(cp), PopulationRuns.metrics(cq));
    }
}
