package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyTest {
    @Test
    void errorVectorsGatherEachStepsForecastsFromEveryOrigin() {
        // errors[origin][h][c] = 10 * origin + h, one channel; origins o0 .. o0 + 3, horizon 2
        double[][][] e = new double[4][2][1];
        for (int o = 0; o < 4; o++) {
            for (int h = 0; h < 2; h++) {
                e[o][h][0] = 10 * o + h;
            }
        }
        double[][] v = ErrorVectors.of(e);
        assertEquals(3, v.length, "steps o0 + 1 .. o0 + 3 are predicted from two origins");
        assertArrayEquals(new double[] {10, 1}, v[0], 0.0, "step o0+1: from o0+1 at h=0 and from o0 at h=1");
        assertArrayEquals(new double[] {30, 21}, v[2], 0.0);
        assertEquals(7 + 1 + 2, ErrorVectors.step(7, 2, 2));
    }

    @Test
    void theGaussianScoreIsTheNegativeLogLikelihood() {
        ErrorGaussian g = ErrorGaussian.fit(List.of(new double[] {1}, new double[] {3}));
        // mean 2, variance 1 (plus 1e-9 of itself and 1e-12)
        assertEquals(4, g.mahalanobis2(new double[] {4}), 1e-8);
        assertEquals(0.5 * (Math.log(2 * Math.PI) + 4), g.score(new double[] {4}), 1e-8);
        // two dimensions: points (0,0), (2,0), (0,2), (2,2): mean (1,1), covariance I
        ErrorGaussian g2 = ErrorGaussian.fit(List.of(new double[] {0, 0}, new double[] {2, 0}, new double[] {0, 2},
                new double[] {2, 2}));
        assertEquals(4 + 1, g2.mahalanobis2(new double[] {3, 2}), 1e-8);
        ErrorGaussian g3 = ErrorGaussian.fit(List.of(new double[] {-2, -1}, new double[] {2, 1}, new double[] {-2, 1},
                new double[] {2, -1}));
        assertEquals(1 + 4, g3.mahalanobis2(new double[] {2, 2}), 1e-7, "variances 4 and 1");
        assertEquals(0.5 * (2 * Math.log(2 * Math.PI) + Math.log(4) + 5), g3.score(new double[] {2, 2}), 1e-7);
    }

    @Test
    void thresholdsFollowTheirRules() {
        double[] scores = {5, 1, 9, 3, 7, 2, 10, 4, 8, 6};
        assertEquals(9, Thresholds.quantile(scores, 0.9), 0.0, "the 9th smallest of 10");
        assertEquals(10, Thresholds.quantile(scores, 0.99), 0.0);
        assertEquals(1, Thresholds.quantile(scores, 0.0), 0.0);
        boolean[] labels = {false, false, true, false, false, false, true, false, true, false};
        // flagging > 8 catches 9 and 10 (2 of 3, no false alarm): F1 0.8; > 7 catches all three: F1 1
        assertEquals(7, Thresholds.fBeta(scores, labels, 1.0), 0.0);
    }

    @Test
    void precisionRecallAndF1AreCountedPerStep() {
        double[] scores = {0.1, 0.9, 0.8, 0.2, 0.7};
        boolean[] labels = {false, true, false, true, true};
        Detection d = Detection.of(scores, labels, 0.5);
        assertEquals(new Detection(2, 1, 1), d);
        assertEquals(2 / 3.0, d.precision(), 1e-12);
        assertEquals(2 / 3.0, d.recall(), 1e-12);
        assertEquals(2 / 3.0, d.fBeta(1), 1e-12);
        assertEquals((1 + 0.01) * (2 / 3.0) * (2 / 3.0) / (0.01 * 2 / 3.0 + 2 / 3.0), d.fBeta(0.1), 1e-12);
        Detection none = Detection.of(scores, labels, 1.0);
        assertEquals(0, none.precision(), 0.0);
        assertEquals(0, none.fBeta(1), 0.0);
    }
}
