package io.engram.app.motion.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The metrics against signals whose period and amplitude are known, and the primitives' continuity. */
class MotionMetricsTest {

    private static double[][] circle(int steps, double period, double amplitude) {
        double[][] v = new double[steps][];
        for (int t = 0; t < steps; t++) {
            v[t] = Trajectories.cycle("circle", amplitude, (t + 1) / period);
        }
        return v;
    }

    @Test
    void periodAndAmplitudeOfKnownOscillations() {
        double[][] target = circle(400, 25, 0.8);
        double[] same = CycleMetrics.of(target, target);
        assertEquals(25, same[0], 1e-2);
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {same[1], same[2], same[3]}, 1e-3);
        double[] slower = CycleMetrics.of(target, circle(400, 26, 0.6));
        assertEquals(26, slower[0], 1e-2);
        assertEquals(0.04, slower[1], 1e-3);
        assertEquals(0.25, slower[2], 1e-2);
    }

    @Test
    void aFlatOutputHasNoPeriodAndAFullError() {
        double[][] target = circle(100, 10, 1);
        double[] m = CycleMetrics.of(target, new double[100][2]);
        assertEquals(0, m[0]);
        assertEquals(1, m[1]);
        assertEquals(1, m[2], 1e-12);
        assertEquals(0.5, m[3], 1e-2);
    }

    @Test
    void everyPrimitiveIsALoopThroughTheOrigin() {
        for (int p = 0; p < Trajectories.PRIMITIVES; p++) {
            assertArrayEquals(new double[] {0, 0}, Trajectories.primitive(p, 0), 1e-12, "start of " + p);
            assertArrayEquals(new double[] {0, 0}, Trajectories.primitive(p, 1), 1e-12, "end of " + p);
        }
    }
}
