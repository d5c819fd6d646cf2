package io.engram.trainer.annealing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cooling schedules against their formulas worked by hand, T_0 = 10. */
class CoolingTest {
    private static final double T0 = 10.0;

    @Test
    void exponentialMultipliesByAlphaPerStep() {
        // 10, 10 * 0.9 = 9, 10 * 0.81 = 8.1, 10 * 0.9^10 = 3.486784401
        assertEquals(10.0, Cooling.EXPONENTIAL.temperature(T0, 0, 0.9, 0), 1e-12);
        assertEquals(9.0, Cooling.EXPONENTIAL.temperature(T0, 1, 0.9, 0), 1e-12);
        assertEquals(8.1, Cooling.EXPONENTIAL.temperature(T0, 2, 0.9, 0), 1e-12);
        assertEquals(3.486784401, Cooling.EXPONENTIAL.temperature(T0, 10, 0.9, 0), 1e-12);
    }

    @Test
    void linearFallsToZeroAfterKStepsAndStays() {
        // K = 4: 10, 7.5, 5, 2.5, 0, then 0
        double[] expected = {10.0, 7.5, 5.0, 2.5, 0.0, 0.0};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], Cooling.LINEAR.temperature(T0, k, 0.5, 4), 1e-12, "step " + k);
        }
    }

    @Test
    void logarithmicIsGemanAndGemansCOverLogOfTheStep() {
        // C = T0 ln 2 = 6.931471806; T_k = C / ln(k + 2): k = 0 -> 10, k = 2 -> 6.931471806 / 1.386294361 = 5,
        // k = 6 -> 6.931471806 / 2.079441542 = 3.333333333 (ln 8 = 3 ln 2), k = 1022 -> 10 / 10 = 1 (ln 1024 = 10 ln 2)
        assertEquals(10.0, Cooling.LOGARITHMIC.temperature(T0, 0, 0.9, 0), 1e-12);
        assertEquals(5.0, Cooling.LOGARITHMIC.temperature(T0, 2, 0.9, 0), 1e-12);
        assertEquals(10.0 / 3, Cooling.LOGARITHMIC.temperature(T0, 6, 0.9, 0), 1e-12);
        assertEquals(1.0, Cooling.LOGARITHMIC.temperature(T0, 1022, 0.9, 0), 1e-12);
    }

    @Test
    void lundyMeesFollowsItsRecurrence() {
        // T_{k+1} = T_k / (1 + b T_k) with b = beta / T0 = 0.5 / 10 = 0.05:
        // 10 -> 10 / 1.5 = 6.666666667 -> 6.666666667 / (1 + 0.333333333) = 5 -> 5 / 1.25 = 4
        double t = T0;
        for (int k = 0; k < 40; k++) {
            assertEquals(t, Cooling.LUNDY_MEES.temperature(T0, k, 0.5, 0), 1e-12, "step " + k);
            t = t / (1 + 0.05 * t);
        }
        assertEquals(4.0, Cooling.LUNDY_MEES.temperature(T0, 3, 0.5, 0), 1e-12);
    }

    @Test
    void everyScheduleStartsAtT0AndNeverRises() {
        for (Cooling c : Cooling.values()) {
            double previous = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 200; k++) {
                double t = c.temperature(T0, k, c == Cooling.LUNDY_MEES ? 0.2 : 0.97, 100);
                assertTrue(t <= previous && t >= 0, c + " at step " + k + ": " + t);
                previous = t;
            }
            assertEquals(T0, c.temperature(T0, 0, 0.5, 100), 0.0, c.name());
        }
    }

    @Test
    void schedulesAreNamedAsInTheSettings() {
        assertEquals(Cooling.LUNDY_MEES, Cooling.named("lundy-mees"));
        assertEquals(Cooling.LOGARITHMIC, Cooling.named("Logarithmic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cooling.named("boltzmann"));
        assertEquals("unknown cooling schedule 'boltzmann' (known: [exponential, linear, logarithmic, lundy-mees])",
                e.getMessage());
    }
}
