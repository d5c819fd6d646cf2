package io.engram.app.proteinhomology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void aucOfARankingWithoutTies() {
        // ranking: P N P P N N; pairs won: 3 + 2 + 2 = 7 of 9
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        boolean[] p = {true, false, true, true, false, false};
        assertEquals(7 / 9.0, Roc.auc(s, p), 1e-15);
        assertEquals(1.0, Roc.auc(s, new boolean[] {true, true, true, false, false, false}), 0.0);
        assertEquals(0.0, Roc.auc(s, new boolean[] {false, false, false, true, true, true}), 0.0);
    }

    @Test
    void tiesBetweenAPositiveAndANegativeCountOneHalf() {
        // P(0.9) {P, N}(0.5) N(0.1): pairs P>N: 0.9 beats both: 2; tied P vs tied N: 0.5; tied P vs 0.1: 1; 3.5 of 4
        double[] s = {0.9, 0.5, 0.5, 0.1};
        boolean[] p = {true, true, false, false};
        assertEquals(3.5 / 4, Roc.auc(s, p), 1e-15);
        // all tied: one half
        assertEquals(0.5, Roc.auc(new double[] {1, 1, 1}, new boolean[] {true, false, false}), 1e-15);
    }

    @Test
    void rocNCountsPositivesAboveEachOfTheFirstNFalsePositives() {
        // P N P N P N: t_1 = 1, t_2 = 2, t_3 = 3; 3 positives
        double[] s = {6, 5, 4, 3, 2, 1};
        boolean[] p = {true, false, true, false, true, false};
        assertEquals(1 / 3.0, Roc.rocN(s, p, 1), 1e-15);
        assertEquals((1 + 2) / 6.0, Roc.rocN(s, p, 2), 1e-15);
        assertEquals((1 + 2 + 3) / 9.0, Roc.rocN(s, p, 3), 1e-15);
        // fewer negatives than n: n is the number of negatives, and ROC50 is the AUC
        assertEquals(Roc.auc(s, p), Roc.rocN(s, p, 50), 1e-15);
    }

    @Test
    void rocNCutsATiedSegmentAlongItsLine() {
        // P, then {P, N, N} tied, then N: up to the first false positive the tied segment rises from
        // tp = 1 to tp = 2 over 2 false positives; half of it: area 1 * (1 + 1 * 1 / (2 * 2)) = 1.25
        double[] s = {9, 5, 5, 5, 1};
        boolean[] p = {true, true, false, false, false};
        assertEquals(1.25 / 2, Roc.rocN(s, p, 1), 1e-15);
        // up to the second: 2 * (1 + 0.5) = 3 of 2 * 2
        assertEquals(3 / 4.0, Roc.rocN(s, p, 2), 1e-15);
    }

    @Test
    void undefinedWithoutPositivesOrNegatives() {
        assertTrue(Double.isNaN(Roc.auc(new double[] {1, 2}, new boolean[] {false, false})));
        assertTrue(Double.isNaN(Roc.rocN(new double[] {1, 2}, new boolean[] {true, true}, 50)));
    }

    @Test
    void metricsPerFamilyAndTheirMeans() {
        // three sequences of families a, a, b
        double[][] scores = {{0.9, 0.1, 0.0}, {0.4, 0.6, 0.0}, {0.3, 0.7, 0.0}};
        Map<String, Double> m = HomologyMetrics.of(List.of("a", "b", "c"), scores, new int[] {0, 0, 1});
        assertEquals(2 / 3.0, m.get("accuracy"), 1e-15);
        assertEquals(1.0, m.get("auc.a"), 0.0); // a: 0.9, 0.4 above b's 0.3
        assertEquals(1.0, m.get("auc.b"), 0.0); // b's 0.7 above 0.1 and 0.6
        assertEquals(1.0, m.get("roc50.a"), 0.0);
        assertEquals(1.0, m.get("auc"), 0.0);
        // family c has no member here: no metric of its own, not in the means
        assertEquals(List.of("accuracy", "auc", "roc50", "auc.a", "roc50.a", "auc.b", "roc50.b"), List.copyOf(m.keySet()));
    }
}
