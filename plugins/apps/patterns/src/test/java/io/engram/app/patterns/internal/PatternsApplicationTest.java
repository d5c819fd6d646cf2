package io.engram.app.patterns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatternsApplicationTest {
    private static final PatternsApplication APP = new PatternsApplication();

    private static TaskData load(Map<String, String> raw, long seed) {
        Hyperparameters h = PatternsApplication.SCHEMA.validate(raw, "data.").get();
        return APP.load(h, seed).get();
    }

    @Test
    void autoStoresRoundLoadTimesSizePatternsAndCuesThemWithExactlyTheNoiseFlipped() {
        TaskData d = load(Map.of("size", "200", "load", "0.138", "noise", "0.1", "validation.size", "30",
                "test.size", "50", "recall.steps", "4"), 7);
        assertEquals(28, d.train().size(), "round(0.138 * 200)");
        for (Sequence s : d.train().sequences()) {
            assertEquals(1, s.length());
            assertArrayEquals(s.inputs()[0], s.targets()[0], "a pattern is its own target");
            for (double v : s.inputs()[0]) {
                assertTrue(v == 1 || v == -1, "bipolar: " + v);
            }
        }
        assertEquals(50, d.test().size());
        for (int k = 0; k < d.test().size(); k++) {
            Sequence cue = d.test().get(k);
            double[] pattern = d.train().get(k % 28).targets()[0];
            assertEquals(5, cue.length(), "the cue and 4 free steps");
            assertFalse(cue.hasTarget(3));
            assertTrue(cue.hasTarget(4));
            assertArrayEquals(pattern, cue.targets()[4], "the clean pattern is due at the last step");
            assertArrayEquals(new double[200], cue.inputs()[2], "zero inputs after the cue");
            int flipped = 0;
            for (int i = 0; i < 200; i++) {
                flipped += cue.inputs()[0][i] != pattern[i] ? 1 : 0;
            }
            assertEquals(20, flipped, "cue " + k + ": 10% of 200 units flipped");
        }
    }

    @Test
    void pairsJoinEachPatternToAPartnerOfItsOwnWidth() {
        TaskData d = load(Map.of("task", "pairs", "size", "40", "pair.size", "25", "load", "0.1"), 3);
        assertEquals(4, d.train().size());
        assertEquals(40, d.inputSize());
        assertEquals(25, d.outputSize());
        Sequence first = d.test().get(0);
        assertArrayEquals(d.train().get(0).targets()[0], first.targets()[first.length() - 1]);
        assertEquals(0.1 * 40, distance(first.inputs()[0], d.train().get(0).inputs()[0]), 0.0, "4 of x's 40 units flipped");
        TaskData same = load(Map.of("task", "pairs", "size", "40", "load", "0.1"), 3);
        assertEquals(40, same.outputSize(), "pair.size 0 is size");
    }

    @Test
    void theSetsComeFromSeparateStreamsOfTheSeed() {
        TaskData a = load(Map.of("size", "30", "test.size", "10"), 1);
        TaskData b = load(Map.of("size", "30", "test.size", "20"), 1);
        TaskData c = load(Map.of("size", "30", "test.size", "10"), 2);
        assertEquals(a.train(), b.train(), "the test set's size leaves the patterns alone");
        assertEquals(a.validation(), b.validation());
        assertEquals(a.test().subset(0, 10), b.test().subset(0, 10));
        assertFalse(a.train().equals(c.train()), "another seed, other patterns");
    }

    @Test
    void patternSetOnlyForPairsIsRefusedNamingIt() {
        Hyperparameters h = PatternsApplication.SCHEMA.validate(Map.of("pair.size", "3"), "data.").get();
        assertEquals("data.pair.size: applies to task pairs only; task auto's patterns are their own targets",
                APP.load(h, 1).getCause().getMessage());
    }

    @Test
    void recallErrorCountsWrongSignsAndUndecidedUnitsAtTheTargetStep() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] patterns = PatternSets.random(r, 2, 4);
        Dataset cues = PatternSets.cues(r, patterns, patterns, 2, 0.0, 1);
        List<double[][]> outputs = new ArrayList<>();
        double[] wrongOne = patterns[1].clone();
        wrongOne[2] = 0;
        outputs.add(new double[][] {new double[4], scaled(patterns[0], 0.3)});
        outputs.add(new double[][] {scaled(patterns[1], -1), wrongOne});
        Map<String, Double> m = RecallError.of(cues, outputs);
        assertEquals(1 / 8.0, m.get("bit.error"), 1e-12, "one unit of 8 left at 0; the first step is not judged");
        assertEquals(0.5, m.get("recalled"), 1e-12);
    }

    private static double[] scaled(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i];
        }
        return out;
    }

    private static double distance(double[] a, double[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] != b[i] ? 1 : 0;
        }
        return d;
    }
}
