package io.engram.family.memristive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The measuring tools of the relaxation study against cases with known answers. */
class RelaxationToolsTest {

    /** The path graph's Laplacian-like tridiagonal (2, -1) has eigenvalues 2 - 2 cos(k pi / (n + 1)). */
    @Test
    void jacobiFindsTheKnownSpectrum() {
        int n = 12;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i > 0) {
                a[i * n + i - 1] = -1;
                a[(i - 1) * n + i] = -1;
            }
        }
        double[] values = SymmetricEigen.values(a, n);
        for (int k = 1; k <= n; k++) {
            assertEquals(2 - 2 * Math.cos(k * Math.PI / (n + 1)), values[k - 1], 1e-12, "eigenvalue " + k);
        }
        a[1] = 5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.values(a, n));
        assertEquals("matrix not symmetric at 0,1", e.getMessage());
    }

    @Test
    void lineFitRecoversALineAndReportsItsWorstResidual() {
        LineFit f = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5.5, 7});
        assertEquals(2.05, f.slope(), 1e-12);
        assertEquals(0.25, f.largestResidual(), 0.1);
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 1}, new double[] {0, 1}));
    }

    /**
     * Rates with density {@code kappa^(gamma - 1)} on [1e-5, 1] superpose to {@code t^-gamma} over
     * t in [10, 1000]; one rate gives one exponential.
     */
    @Test
    void curveMeasuresThePowerLawOfAKnownRateDensity() {
        for (double gamma : new double[] {0.5, 1.0}) {
            int n = 4000;
            double[] rates = new double[n];
            double lo = Math.pow(1e-5, gamma);
            for (int k = 0; k < n; k++) {
                double u = (k + 0.5) / n;
                rates[k] = Math.pow(lo + u * (1 - lo), 1 / gamma);
            }
            RelaxationCurve c = RelaxationCurve.of(List.of(rates), n, 10, 1000, 21);
            assertEquals(-gamma, c.powerLawSlope(), 0.05, "gamma " + gamma);
            assertTrue(c.exponentialMisfit() > 0.5, "gamma " + gamma + ": exponential misfit " + c.exponentialMisfit());
        }
        RelaxationCurve one = RelaxationCurve.of(List.of(new double[] {0.01}), 1, 10, 1000, 21);
        assertTrue(one.exponentialMisfit() < 1e-12, "one rate: misfit " + one.exponentialMisfit());
    }
}
