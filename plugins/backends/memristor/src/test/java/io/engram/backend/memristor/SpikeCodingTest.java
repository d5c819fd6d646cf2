package io.engram.backend.memristor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpikeCodingTest {

    private static double[] values(int n) {
        SplittableRandom r = new SplittableRandom(9);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble();
        }
        v[0] = 0;
        v[1] = 1;
        return v;
    }

    private static double maxError(double[] a, double[] b) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e = Math.max(e, Math.abs(a[i] - b[i]));
        }
        return e;
    }

    @Test
    void rateCodeConvergesAsOneOverRootT() {
        double[] v = values(64);
        double e100 = maxError(v, SpikeCoding.rateDecode(SpikeCoding.rateEncode(v, 100, 1)));
        double e10000 = maxError(v, SpikeCoding.rateDecode(SpikeCoding.rateEncode(v, 10000, 1)));
        System.out.printf("rate code: max error %.4f with 100 steps, %.4f with 10000 steps%n", e100, e10000);
        // four standard deviations of the worst case, v = 1/2
        assertTrue(e100 < 4 * 0.5 / Math.sqrt(100), "100 steps: " + e100);
        assertTrue(e10000 < 4 * 0.5 / Math.sqrt(10000), "10000 steps: " + e10000);
        assertTrue(e10000 < e100);
        SpikeCoding.Spikes s = SpikeCoding.rateEncode(v, 100, 1);
        assertEquals(0, SpikeCoding.rateDecode(s)[0], "v = 0 never spikes");
        assertEquals(1, SpikeCoding.rateDecode(s)[1], "v = 1 spikes at every step");
    }

    @Test
    void rateCodeIsSeeded() {
        double[] v = values(16);
        assertArrayEquals(SpikeCoding.rateEncode(v, 50, 3).spikes(), SpikeCoding.rateEncode(v, 50, 3).spikes());
        assertTrue(!java.util.Arrays.equals(SpikeCoding.rateEncode(v, 50, 3).spikes(),
                SpikeCoding.rateEncode(v, 50, 4).spikes()), "another seed, other spikes");
    }

    @Test
    void firstSpikeCodeRoundTripsWithinHalfAStep() {
        double[] v = values(64);
        v[2] = -0.5;
        v[3] = 1.5;
        int steps = 33;
        SpikeCoding.Spikes s = SpikeCoding.firstSpikeEncode(v, steps);
        double[] back = SpikeCoding.firstSpikeDecode(s);
        double[] clipped = v.clone();
        clipped[2] = 0;
        clipped[3] = 1;
        double e = maxError(clipped, back);
        System.out.printf("time-to-first-spike code: max error %.4f with %d steps, %d spikes%n", e, steps, s.count());
        assertTrue(e <= 0.5 / (steps - 1) + 1e-12, "error " + e);
        assertEquals(0, back[0]);
        assertEquals(1, back[1]);
        assertTrue(s.spike(0, 1), "v = 1 spikes at once");
        assertEquals(62, s.count(), "one spike per element above zero (v[0] = 0 and the clipped -0.5 stay silent)");
    }

    @Test
    void energyIsSpikesTimesEnergyPerSpike() {
        double[] v = {0.25, 0.5, 0.75, 1.0};
        SpikeCoding.Spikes rate = SpikeCoding.rateEncode(v, 1000, 2);
        long expected = 0;
        for (int t = 0; t < rate.steps(); t++) {
            for (int i = 0; i < v.length; i++) {
                expected += rate.spike(t, i) ? 1 : 0;
            }
        }
        assertEquals(expected, rate.count());
        assertEquals(expected * 2e-11, rate.energyJoules(2e-11), 1e-20);
        assertTrue(Math.abs(rate.count() - 2500) < 4 * Math.sqrt(1000 * (3 * 0.1875)), "about T sum v spikes: "
                + rate.count());
        SpikeCoding.Spikes first = SpikeCoding.firstSpikeEncode(v, 100);
        assertEquals(4, first.count());
        System.out.printf("spike energy at 20 pJ/spike: rate code %.3g J (%d spikes), first-spike code %.3g J%n",
                rate.energyJoules(2e-11), rate.count(), first.energyJoules(2e-11));
        assertTrue(first.energyJoules(2e-11) < rate.energyJoules(2e-11) / 100);
    }
}
