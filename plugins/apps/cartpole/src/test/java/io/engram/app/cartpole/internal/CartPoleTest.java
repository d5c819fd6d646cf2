package io.engram.app.cartpole.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Episode;
import io.engram.api.PluginProperties;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CartPoleTest {
    private final CartPoleApplication app = new CartPoleApplication();

    private CartPole pole(int maxSteps, double start) {
        return (CartPole) app.environment(CartPoleApplication.SCHEMA.validate(
                Map.of("max.steps", "" + maxSteps, "start", "" + start), "data.").get()).orElseThrow();
    }

    @Test
    void oneEulerStepFromRestFollowsTheEquations() {
        // theta'' = (-10 / 1.1) / (0.5 (4/3 - 0.1 / 1.1)) = -14.6341..., x'' = (10 - 0.05 theta'') / 1.1 = 9.7561...
        double thetaAcc = (-10 / 1.1) / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        double xAcc = (10 - 0.05 * thetaAcc) / 1.1;
        assertArrayEquals(new double[] {0, 0.02 * xAcc, 0, 0.02 * thetaAcc}, CartPole.next(new double[4], 10), 1e-15);
        assertEquals(-14.634146, thetaAcc, 1e-6);
        assertEquals(9.756098, xAcc, 1e-6);
    }

    @Test
    void aConstantPushDropsThePoleSoonAndEachStepEarnsOne() {
        Episode e = pole(500, 0.0).start(1);
        double reward = 0;
        while (!e.done()) {
            reward += e.step(new double[] {1}).reward();
        }
        assertTrue(e.fitness() > 5 && e.fitness() < 100, "steps before the pole fell: " + e.fitness());
        assertEquals(e.fitness(), reward, "fitness is the summed reward");
    }

    @Test
    void aPoleThatStaysUpEndsAtMaxSteps() {
        Episode e = pole(50, 0.0).start(3);
        int steps = 0;
        while (!e.done()) {
            double[] o = e.observation();
            e.step(new double[] {o[2] + 0.5 * o[3]});
            steps++;
        }
        assertEquals(50, steps);
        assertEquals(50.0, e.fitness());
    }

    @Test
    void offersAnEnvironmentAndNoDatasets() {
        assertEquals(Set.of(PluginProperties.ENVIRONMENT), app.provides());
        assertTrue(app.load(CartPoleApplication.SCHEMA.validate(Map.of(), "data.").get(), 1).isFailure());
        CartPole p = pole(500, 0.05);
        assertEquals(4, p.observationSize());
        assertEquals(1, p.actionSize());
        assertEquals(500, p.maxSteps());
    }
}
