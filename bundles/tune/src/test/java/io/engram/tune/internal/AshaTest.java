package io.engram.tune.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.tune.internal.TuneOptions.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AshaTest {

    @Test
    void rungsGrowByEtaBelowTheBudget() {
        assertEquals(List.of(1, 3, 9), Asha.rungs(1, 27, 3));
        assertEquals(List.of(2, 6, 18), Asha.rungs(2, 20, 3));
        assertEquals(List.of(1, 2, 4, 8), Asha.rungs(1, 10, 2));
        assertEquals(List.of(), Asha.rungs(5, 5, 3));
    }

    /**
     * Six trials reach the first rung in turn with eta 3. By hand: the competing values are those
     * seen so far, the trial's own included; a trial goes on when its value is at most the
     * (max(0, n / 3 - 1))-th smallest (0-based).
     * <pre>
     * trial value  values at the rung (sorted)        n  index  goes on
     * 1     0.50   0.50                               1  0      yes (the best so far)
     * 2     0.70   0.50 0.70                          2  0      no
     * 3     0.40   0.40 0.50 0.70                     3  0      yes
     * 4     0.45   0.40 0.45 0.50 0.70                4  0      no
     * 5     0.60   0.40 0.45 0.50 0.60 0.70           5  0      no
     * 6     0.42   0.40 0.42 0.45 0.50 0.60 0.70      6  1      yes (second best of six)
     * 7     0.44   0.40 0.42 0.44 0.45 0.50 0.60 0.70 7  1      no
     * </pre>
     */
    @Test
    void promotesTheBestThirdOfWhatTheRungHolds() {
        double[] values = {0.50, 0.70, 0.40, 0.45, 0.60, 0.42, 0.44};
        boolean[] expected = {true, false, true, false, false, true, false};
        List<Double> rung = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rung.add(values[i]);
            assertEquals(expected[i], Asha.promotable(values[i], rung, 3, Direction.MIN), "trial " + (i + 1));
        }
    }

    @Test
    void maximisingMirrorsTheRule() {
        double[] values = {0.50, 0.30, 0.60, 0.55, 0.40, 0.58};
        boolean[] expected = {true, false, true, false, false, true};
        List<Double> rung = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rung.add(values[i]);
            assertEquals(expected[i], Asha.promotable(values[i], rung, 3, Direction.MAX), "trial " + (i + 1));
        }
    }

    @Test
    void withEtaTwoTheBetterHalfGoesOn() {
        assertEquals(true, Asha.promotable(2.0, List.of(1.0, 2.0, 3.0, 4.0), 2, Direction.MIN));
        assertEquals(false, Asha.promotable(3.0, List.of(1.0, 2.0, 3.0, 4.0), 2, Direction.MIN));
    }

    @Test
    void anUnknownValueNeverGoesOn() {
        assertFalse(Asha.promotable(Double.NaN, List.of(Double.NaN), 3, Direction.MIN));
        assertEquals(true, Asha.promotable(0.9, List.of(Double.NaN, 0.9), 3, Direction.MIN));
    }
}
