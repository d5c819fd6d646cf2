package io.engram.trainer.population;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Network;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.swarm.internal.SwarmTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The swarm trainer on Elman networks: the delayed echo, the cart-pole, and 1 or 2 workers. */
class SwarmPopulationTest {
    private static final SwarmTrainer TRAINER = new SwarmTrainer();

    /** 30 particles spread 0.5 around the initial weights, constriction, global best. */
    private static final Map<String, String> ECHO = Map.of("generations", "300", "particles", "30", "spread", "0.5");

    @Test
    void anElmanNetLearnsToEchoItsPreviousInput() {
        // 4 hidden units, 29 parameters, 9,000 evaluations: seeds 1, 2, 3 reached mse 1.7e-3, 1.2e-3, 8.2e-4
        Network net = PopulationRuns.elman(1, 1, 4, 1);
        TestTrainingContext c = PopulationRuns.onEcho(TRAINER, net, ECHO, 1, 2);
        double before = PopulationRuns.echoLoss(c, PopulationRuns.elman(1, 1, 4, 1));
        double after = PopulationRuns.echoLoss(c, net);
        System.out.printf("swarm, delayed echo: mse %.4g -> %.4g%n", before, after);
        assertTrue(after < 0.005, "mse " + after);
        assertTrue(after < before / 20, "mse " + before + " -> " + after);
        double[] losses = PopulationRuns.losses(c);
        assertEquals(after, losses[losses.length - 1], 1e-12, "the network holds the best point");
    }

    @Test
    void anElmanControllerBalancesThePole() {
        // 16 particles spread 1.0, 3 episodes per candidate: seed 1 reached 500 steps in generation 27
        // (1,296 evaluations), 500 on average over 20 held-out starts; seeds 2 and 3 in generations 22 and 9
        Network net = PopulationRuns.elman(4, 1, 4, 1);
        TestTrainingContext c = PopulationRuns.onCartPole(TRAINER, net, Map.of("generations", "60", "particles", "16",
                "spread", "1.0", "episodes", "3", "target.fitness", "500"), 1, 2);
        List<Map<String, Double>> m = PopulationRuns.metrics(c);
        Map<String, Double> last = m.get(m.size() - 1);
        double held = PopulationRuns.heldOutBalance(net);
        System.out.printf("swarm, cart-pole: 500 steps after %d generations, %.0f evaluations; held out %.1f%n",
                m.size(), last.get("evaluations"), held);
        assertEquals(500.0, last.get("fitness"), 0.0);
        assertTrue(last.get("evaluations") <= 2000, "evaluations " + last.get("evaluations"));
        assertTrue(held >= 400, "mean steps over 20 held-out starts " + held);
    }

    @Test
    void oneAndTwoWorkersGiveBitIdenticalRuns() {
        Map<String, String> hyper = Map.of("generations", "12", "particles", "10", "spread", "0.5",
                "topology", "ring", "velocity.max", "0.3");
        Network a = PopulationRuns.elman(1, 1, 4, 3);
        Network b = PopulationRuns.elman(1, 1, 4, 3);
        TestTrainingContext ca = PopulationRuns.onEcho(TRAINER, a, hyper, 6, 1);
        TestTrainingContext cb = PopulationRuns.onEcho(TRAINER, b, hyper, 6, 2);
        assertArrayEquals(PopulationRuns.flat(a), PopulationRuns.flat(b), 0.0);
        assertArrayEquals(PopulationRuns.losses(ca), PopulationRuns.losses(cb), 0.0);
        assertEquals(PopulationRuns.metrics(ca), PopulationRuns.metrics(cb));

        Map<String, String> control = Map.of("generations", "5", "particles", "8", "spread", "0.5",
                "episodes", "2", "update", "inertia");
        Network p = PopulationRuns.elman(4, 1, 4, 3);
        Network q = PopulationRuns.elman(4, 1, 4, 3);
        TestTrainingContext cp = PopulationRuns.onCartPole(TRAINER, p, control, 6, 1);
        TestTrainingContext cq = PopulationRuns.onCartPole(TRAINER, q, control, 6, 2);
        assertArrayEquals(PopulationRuns.flat(p), PopulationRuns.flat(q), 0.0);
        assertEquals(PopulationRuns.metrics(cp), PopulationRuns.metrics(cq));
    }
}
