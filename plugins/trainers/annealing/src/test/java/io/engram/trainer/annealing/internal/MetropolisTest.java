package io.engram.trainer.annealing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Metropolis criterion and the estimate of the initial temperature, worked by hand. */
class MetropolisTest {

    @Test
    void downhillAndLevelMovesAreAlwaysTaken() {
        assertTrue(Metropolis.accepts(5.0, 4.0, 0.0, 0.999));
        assertTrue(Metropolis.accepts(5.0, 5.0, 1.0, 0.999));
        assertTrue(Metropolis.accepts(Double.POSITIVE_INFINITY, 1e300, 0.0, 0.999));
    }

    @Test
    void uphillMovesAreTakenWithTheBoltzmannProbability() {
        // rise 2 at T = 1: exp(-2) = 0.1353352832
        assertTrue(Metropolis.accepts(1.0, 3.0, 1.0, 0.1353));
        assertFalse(Metropolis.accepts(1.0, 3.0, 1.0, 0.1354));
        // rise 2 at T = 4: exp(-0.5) = 0.6065306597
        assertTrue(Metropolis.accepts(1.0, 3.0, 4.0, 0.6065));
        assertFalse(Metropolis.accepts(1.0, 3.0, 4.0, 0.6066));
    }

    @Test
    void coldOrUnscoredUphillMovesAreRefused() {
        assertFalse(Metropolis.accepts(1.0, 1.0 + 1e-12, 0.0, 0.0));
        assertFalse(Metropolis.accepts(1.0, Double.POSITIVE_INFINITY, 1e300, 0.0));
        assertFalse(Metropolis.accepts(1.0, Double.NaN, 1.0, 0.0));
    }

    @Test
    void theInitialTemperatureTakesTheMeanUphillMoveWithTheGivenProbability() {
        // start 10; moves 12, 16, 7 (downhill, ignored), +inf (ignored): mean rise (2 + 6) / 2 = 4;
        // T0 = -4 / ln 0.8 = 4 / 0.2231435513 = 17.92568047, and exp(-4 / T0) = 0.8
        double t0 = InitialTemperature.estimate(new double[] {10, 12, 16, 7, Double.POSITIVE_INFINITY}, 0.8);
        assertEquals(17.92568047, t0, 1e-8);
        assertEquals(0.8, Math.exp(-4 / t0), 1e-12);
    }

    @Test
    void withoutUphillMovesTheMeanAbsoluteDifferenceServes() {
        // start 10; moves 9, 7, 10: mean |d| over the non-zero differences (1 + 3) / 2 = 2; T0 = -2 / ln 0.5 = 2.885390082
        assertEquals(2.885390082, InitialTemperature.estimate(new double[] {10, 9, 7, 10}, 0.5), 1e-8);
        assertEquals(1.0, InitialTemperature.estimate(new double[] {Double.POSITIVE_INFINITY, 3, 4}, 0.5), 0.0);
        assertEquals(1.0, InitialTemperature.estimate(new double[] {2, 2, 2}, 0.5), 0.0);
    }
}
