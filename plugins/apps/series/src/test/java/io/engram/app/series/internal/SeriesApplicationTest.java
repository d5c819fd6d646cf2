package io.engram.app.series.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesApplicationTest {
    private final SeriesApplication app = new SeriesApplication();

    private TaskData load(Map<String, String> raw) {
        Hyperparameters h = app.schema().validate(raw, "data.").get();
        return app.load(h, 1).get();
    }

    /** The attractor of tau = 17 stays within about [0.2, 1.4] and is not periodic. */
    @Test
    void mackeyGlassStaysOnItsAttractorWithoutRepeating() {
        double[] euler = MackeyGlass.series(3000, 17, 0.1, 10, false, 1.2);
        double[] rk4 = MackeyGlass.series(3000, 17, 1.0, 1, true, 1.2);
        for (double[] s : new double[][] {euler, rk4}) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 500; i < s.length; i++) {
                min = Math.min(min, s[i]);
                max = Math.max(max, s[i]);
            }
            assertTrue(min > 0.15 && min < 0.5 && max > 1.1 && max < 1.45, "range [" + min + ", " + max + "]");
            for (int period = 1; period <= 200; period++) {
                double d = 0;
                for (int i = 2000; i < 2500; i++) {
                    d = Math.max(d, Math.abs(s[i] - s[i + period]));
                }
                assertTrue(d > 0.05, "looks periodic with period " + period + ": max difference " + d);
            }
        }
        assertEquals(1.2, euler[0], 0.0);
        double slope = (MackeyGlass.series(2, 17, 0.1, 1, false, 1.2)[1] - 1.2) / 0.1;
        assertEquals(0.2 * 1.2 / (1 + Math.pow(1.2, 10)) - 0.1 * 1.2, slope, 1e-12, "the first Euler step");
    }

    @Test
    void trialsFollowTheTrainingRunAndCarryTargetsOnlyOverTheHorizon() {
        TaskData d = load(Map.of("train.length", "100", "test.trials", "4", "test.warmup", "30", "horizon", "7",
                "transform", "tanh"));
        Sequence train = d.train().get(0);
        assertEquals(100, train.length());
        assertEquals(4, d.test().size());
        for (int t = 0; t + 1 < train.length(); t++) {
            assertEquals(train.input(t + 1, 0), train.target(t, 0), 0.0, "the target is the next input");
        }
        Sequence first = d.test().get(0);
        assertEquals(30 + 7 - 1, first.length());
        double[] mg = MackeyGlass.series(1000 + 101 + 4 * 37, 17, 0.1, 10, false, 1.2);
        assertEquals(Math.tanh(mg[1000] - 1), train.input(0, 0), 0.0, "training starts after the discarded transient");
        assertEquals(Math.tanh(mg[1000 + 101] - 1), first.input(0, 0), 0.0, "the first trial follows the training run");
        assertEquals(Math.tanh(mg[1000 + 101 + 37] - 1), d.test().get(1).input(0, 0), 0.0, "trials are disjoint");
        for (int t = 0; t < first.length(); t++) {
            assertEquals(t >= 29, first.hasTarget(t), "step " + t);
        }
        assertTrue(Math.abs(train.input(5, 0)) < 1, "tanh(x - 1) lies in (-1, 1)");
        assertTrue(d.source().contains("tau=17.0"), d.source());
    }

    @Test
    void theSplitProtocolTestsTheLastFifthInOneSequenceFromTheStart() {
        TaskData d = load(Map.of("protocol", "split", "length", "2000", "integrator", "rk4", "dt", "1",
                "subsample", "1"));
        assertEquals(1599, d.train().get(0).length());
        Dataset test = d.test();
        assertEquals(1, test.size());
        Sequence s = test.get(0);
        assertEquals(1999, s.length());
        int targets = 0;
        for (int t = 0; t < s.length(); t++) {
            targets += s.hasTarget(t) ? 1 : 0;
        }
        assertEquals(400, targets);
        assertFalse(s.hasTarget(1598));
        assertTrue(s.hasTarget(1599));
        assertEquals(d.train().get(0).input(1598, 0), s.input(1598, 0), 0.0);
    }

    @Test
    void superimposedSinesWithAWashoutSplitIntoTrainingAndTest() {
        TaskData d = load(Map.of("series", "sines", "frequencies", "0.2, 0.311", "discard", "0", "protocol", "split",
                "length", "701", "test.fraction", "0.4286", "train.washout", "100"));
        Sequence train = d.train().get(0);
        assertEquals(400, train.length());
        assertEquals(Math.sin(0.2 * 5) + Math.sin(0.311 * 5), train.input(5, 0), 1e-15);
        assertEquals(Math.sin(0.2 * 6) + Math.sin(0.311 * 6), train.target(5, 0), 1e-15);
        assertFalse(train.hasTarget(99), "the washout carries no target");
        assertTrue(train.hasTarget(100));
        Sequence test = d.test().get(0);
        assertFalse(test.hasTarget(399));
        assertTrue(test.hasTarget(400));
        assertTrue(d.source().startsWith("sines(frequencies=0.2, 0.311"), d.source());
    }

    @Test
    void badFrequenciesAreRefusedNamingTheFieldAndEveryEntry() {
        Hyperparameters h = app.schema().validate(Map.of("series", "sines", "frequencies", "0.2,x,-1"), "data.").get();
        String message = app.load(h, 1).getCause().getMessage();
        assertTrue(message.startsWith("data.frequencies:"), message);
        assertTrue(message.contains("entry 2 'x'") && message.contains("entry 3 '-1'"), message);
    }
}
