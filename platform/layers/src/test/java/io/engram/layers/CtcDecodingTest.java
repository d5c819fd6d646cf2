package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CtcDecodingTest {

    private static double[][] logOf(double[][] p) {
        return CtcDecoding.log(p);
    }

    /** Every labelling's probability, summed over all {@code classes^T} paths. */
    private static Map<List<Integer>, Double> bruteForce(double[][] p) {
        int steps = p.length;
        int classes = p[0].length;
        Map<List<Integer>, Double> out = new HashMap<>();
        int[] path = new int[steps];
        for (long code = 0; code < Math.round(Math.pow(classes, steps)); code++) {
            long c = code;
            double prob = 1;
            for (int t = 0; t < steps; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
                prob *= p[t][path[t]];
            }
            out.merge(Arrays.stream(CtcDecoding.collapse(path)).boxed().toList(), prob, Double::sum);
        }
        return out;
    }

    private static double[][] random(SplittableRandom r, int steps, int classes) {
        double[][] p = new double[steps][classes];
        for (double[] row : p) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                row[k] = r.nextDouble(0.01, 1);
                sum += row[k];
            }
            for (int k = 0; k < classes; k++) {
                row[k] /= sum;
            }
        }
        return p;
    }

    @Test
    void theMostProbableLabellingIsNotTheBestPath() {
        double[][] p = {{0.4, 0.3, 0.3}, {0.4, 0.3, 0.3}};
        CtcDecoding.Hypothesis greedy = CtcDecoding.greedy(logOf(p));
        assertArrayEquals(new int[0], greedy.labels());
        assertEquals(Math.log(0.16), greedy.logProbability(), 1e-12);
        List<CtcDecoding.Hypothesis> beam = CtcDecoding.beam(logOf(p), 2);
        assertArrayEquals(new int[] {1}, beam.get(0).labels(), "a (0.33) beats the empty labelling (0.16)");
        assertEquals(Math.log(0.09 + 2 * 0.12), beam.get(0).logProbability(), 1e-12);
        assertEquals(2, beam.size());
        assertArrayEquals(new int[0], CtcDecoding.beam(logOf(p), 1).get(0).labels(),
                "width 1 keeps only the empty prefix after the first step");
    }

    @Test
    void collapseMergesRepeatsThenDropsBlanks() {
        assertArrayEquals(new int[] {1, 1, 2}, CtcDecoding.collapse(new int[] {0, 1, 1, 0, 1, 2, 2, 0}));
        assertArrayEquals(new int[0], CtcDecoding.collapse(new int[] {0, 0}));
        double[][] tie = {{0.5, 0.5}, {0.2, 0.8}};
        assertArrayEquals(new int[] {1}, CtcDecoding.greedy(logOf(tie)).labels(), "ties go to the lower class");
    }

    @Test
    void anUnprunedBeamGivesEveryLabellingItsExactProbability() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 30; trial++) {
            int steps = 1 + r.nextInt(5);
            int classes = 2 + r.nextInt(2);
            double[][] p = random(r, steps, classes);
            Map<List<Integer>, Double> exact = bruteForce(p);
            List<CtcDecoding.Hypothesis> beam = CtcDecoding.beam(logOf(p), 10_000);
            assertEquals(exact.size(), beam.size(), "trial " + trial + ": labellings");
            double previous = Double.POSITIVE_INFINITY;
            for (CtcDecoding.Hypothesis h : beam) {
                double want = exact.get(Arrays.stream(h.labels()).boxed().toList());
                assertEquals(Math.log(want), h.logProbability(), 1e-10, "trial " + trial + ": " + h);
                assertTrue(h.logProbability() <= previous, "best first");
                previous = h.logProbability();
            }
            double best = exact.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertEquals(Math.log(best), beam.get(0).logProbability(), 1e-10, "trial " + trial + ": the best");
        }
    }

    @Test
    void widthOneIsGreedyWhenEveryStepIsSureAndMayDifferOtherwise() {
        SplittableRandom r = new SplittableRandom(11);
        double bound = 1 / Math.sqrt(2);
        for (int trial = 0; trial < 3000; trial++) {
            int steps = 2 + r.nextInt(7);
            int classes = 2 + r.nextInt(2);
            double[][] p = new double[steps][classes];
            for (double[] row : p) {
                int top = r.nextInt(classes);
                double rest = 1 - r.nextDouble(bound + 1e-9, 0.8);
                for (int k = 0; k < classes; k++) {
                    row[k] = k == top ? 1 - rest : rest / (classes - 1);
                }
            }
            assertArrayEquals(CtcDecoding.greedy(logOf(p)).labels(), CtcDecoding.beam(logOf(p), 1).get(0).labels(),
                    "trial " + trial);
        }
        // below the bound: greedy merges the run of 1s at steps 3-4; width 1 splits it after the blank-heavy step 3
        double[][] p = {{0.0085, 0.9915}, {0.3015, 0.6985}, {0.4442, 0.5558}, {0.0001, 0.9999}, {0.7924, 0.2076},
                {0.1084, 0.8916}, {0.7482, 0.2518}};
        assertArrayEquals(new int[] {1, 1}, CtcDecoding.greedy(logOf(p)).labels());
        assertArrayEquals(new int[] {1, 1, 1}, CtcDecoding.beam(logOf(p), 1).get(0).labels());
        assertFalse(Arrays.equals(CtcDecoding.greedy(logOf(p)).labels(), CtcDecoding.beam(logOf(p), 1).get(0).labels()));
    }

    @Test
    void logSoftmaxOfLogitsDecodesLikeTheProbabilities() {
        double[][] logits = {{0.1, 2.0, -1.0}, {3.0, 0.0, 0.5}, {-0.5, -0.2, 1.5}};
        double[][] lp = CtcDecoding.logSoftmax(logits);
        for (double[] row : lp) {
            assertEquals(1.0, Arrays.stream(row).map(Math::exp).sum(), 1e-12);
        }
        assertArrayEquals(new int[] {1, 2}, CtcDecoding.greedy(lp).labels());
        assertEquals(CtcDecoding.beam(lp, 50).get(0), CtcDecoding.beam(lp, 50).get(0));
    }

    @Test
    void badArgumentsAreRefused() {
        double[][] p = {{0.5, 0.5}};
        assertEquals("beam width must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> CtcDecoding.beam(logOf(p), 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CtcDecoding.greedy(new double[][] {{0.0, 0.0}, {0.0}})).getMessage().startsWith(
                "ctc decoding: step 1 has 1 classes"));
    }
}
