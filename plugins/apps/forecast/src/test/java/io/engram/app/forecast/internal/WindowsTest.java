package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Sequence;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static double[][] ramp(int n) {
        double[][] z = new double[n][2];
        for (int t = 0; t < n; t++) {
            z[t][0] = t;
            z[t][1] = 100 + t;
        }
        return z;
    }

    @Test
    void theSplitIsChronologicalAndOriginsStayInsideTheirPart() {
        Split s = Split.of(100, 0.6, 0.2);
        assertEquals(60, s.trainEnd());
        assertEquals(80, s.validationEnd());
        assertArrayEquals(new int[] {10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49, 52, 55},
                s.origins(Split.Part.TRAIN, 10, 5, 3), "forecasts of 5 steps end by step 59");
        int[] validation = s.origins(Split.Part.VALIDATION, 10, 5, 1);
        assertEquals(60, validation[0]);
        assertEquals(75, validation[validation.length - 1]);
        int[] test = s.origins(Split.Part.TEST, 10, 5, 1);
        assertEquals(80, test[0]);
        assertEquals(95, test[test.length - 1]);
        assertEquals(0, s.origins(Split.Part.TEST, 10, 21, 1).length);
    }

    @Test
    void aRecursiveWindowTargetsTheNextValueAtEveryStep() {
        Sequence w = Windows.window(ramp(50), 20, 4, 3, false);
        assertEquals(4 + 3 - 1, w.length());
        for (int k = 0; k < w.length(); k++) {
            assertEquals(16 + k, w.input(k, 0), 0.0);
            assertEquals(116 + k, w.input(k, 1), 0.0);
            assertEquals(17 + k, w.target(k, 0), 0.0);
            assertTrue(w.hasTarget(k));
        }
        assertArrayEquals(new double[][] {{20, 120}, {21, 121}, {22, 122}}, Windows.truth(w, 4, 3, 2, false));
    }

    @Test
    void aDirectWindowTargetsTheWholeHorizonAtItsLastStep() {
        Sequence w = Windows.window(ramp(50), 20, 4, 3, true);
        assertEquals(4, w.length());
        assertEquals(19, w.input(3, 0), 0.0, "the window ends the step before the origin");
        assertFalse(w.hasTarget(2));
        assertTrue(w.hasTarget(3));
        assertArrayEquals(new double[] {20, 120, 21, 121, 22, 122}, w.targets()[3], 0.0, "h-major, then channel");
        assertArrayEquals(new double[][] {{20, 120}, {21, 121}, {22, 122}}, Windows.truth(w, 4, 3, 2, true));
    }

    @Test
    void aWholePartIsOneSequenceOfNextValues() {
        Sequence w = Windows.whole(ramp(50), 0, 30);
        assertEquals(29, w.length());
        assertEquals(28, w.input(28, 0), 0.0);
        assertEquals(29, w.target(28, 0), 0.0, "the last target is the part's last step");
    }
}
