package io.engram.trainer.dekf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DekfTest {

    @Test
    void onALinearMeasurementTheFilterFindsTheWeights() {
        // y = x . w*, one output, weights split in two groups; Q = 0: decoupled recursive least squares
        double[] truth = {1.0, -2.0, 0.5, 3.0};
        double[] w = new double[4];
        Dekf f = new Dekf(List.of(new int[] {0, 1}, new int[] {2, 3}), 100.0);
        SplittableRandom r = new SplittableRandom(1);
        for (int n = 0; n < 200; n++) {
            double[][] h = new double[4][1];
            double y = 0;
            double d = 0;
            for (int k = 0; k < 4; k++) {
                h[k][0] = r.nextDouble(-1, 1);
                y += h[k][0] * w[k];
                d += h[k][0] * truth[k];
            }
            assertTrue(f.update(w, h, new double[] {d - y}, 1e-3, 0.0));
        }
        assertArrayEquals(truth, w, 1e-3);
    }

    @Test
    void theCovarianceStaysSymmetricAndShrinksWhereMeasured() {
        Dekf f = new Dekf(List.of(new int[] {0, 1, 2}), 10.0);
        double[] w = new double[3];
        double[][] h = {{1, 0.5}, {0.2, -1}, {0, 0.3}};
        assertTrue(f.update(w, h, new double[] {0.4, -0.2}, 1.0, 1e-4));
        double[][] p = f.covariance(0);
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            trace += p[i][i];
            for (int j = 0; j < 3; j++) {
                assertEquals(p[i][j], p[j][i], 0.0, "P[" + i + "][" + j + "]");
            }
        }
        assertTrue(trace < 30.0, "trace " + trace);
    }

    @Test
    void theSingleGroupUpdateIsTheKalmanGainTimesTheInnovation() {
        // one weight, one output: K = p h / (h p h + r), w = K e, P = p - K h p + q
        Dekf f = new Dekf(List.of(new int[] {0}), 4.0);
        double[] w = {0.0};
        assertTrue(f.update(w, new double[][] {{2.0}}, new double[] {3.0}, 1.0, 0.5));
        double k = 4.0 * 2.0 / (2.0 * 4.0 * 2.0 + 1.0);
        assertEquals(k * 3.0, w[0], 1e-12);
        assertEquals(4.0 - k * 2.0 * 4.0 + 0.5, f.covariance(0)[0][0], 1e-12);
    }

    @Test
    void aNonFiniteInnovationChangesNothing() {
        Dekf f = new Dekf(List.of(new int[] {0}), 1.0);
        double[] w = {0.25};
        assertFalse(f.update(w, new double[][] {{Double.NaN}}, new double[] {1.0}, 1.0, 0.0));
        assertEquals(0.25, w[0]);
        assertEquals(1.0, f.covariance(0)[0][0]);
    }

    @Test
    void invertsAndRefusesSingularMatrices() {
        double[][] inv = Dekf.invert(new double[][] {{4, 7}, {2, 6}});
        assertArrayEquals(new double[] {0.6, -0.7}, inv[0], 1e-12);
        assertArrayEquals(new double[] {-0.2, 0.4}, inv[1], 1e-12);
        assertNull(Dekf.invert(new double[][] {{1, 2}, {2, 4}}));
    }
}
