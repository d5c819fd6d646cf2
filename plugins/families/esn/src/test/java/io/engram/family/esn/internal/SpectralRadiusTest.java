package io.engram.family.esn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Hyperparameters;
import org.junit.jupiter.api.Test;

class SpectralRadiusTest {

    /** Rotation blocks r_i R(theta_i) on the diagonal: eigenvalues r_i e^(+-i theta_i), a complex dominant pair. */
    @Test
    void findsTheLargestModulusOfComplexEigenvalues() {
        double[] radii = {0.5, 1.3, 0.9, 1.1};
        double[] angles = {0.3, 2.0, 1.0, 0.7};
        int n = 2 * radii.length;
        double[] w = new double[n * n];
        for (int b = 0; b < radii.length; b++) {
            int i = 2 * b;
            double c = radii[b] * Math.cos(angles[b]);
            double s = radii[b] * Math.sin(angles[b]);
            w[i * n + i] = c;
            w[i * n + i + 1] = -s;
            w[(i + 1) * n + i] = s;
            w[(i + 1) * n + i + 1] = c;
        }
        assertEquals(1.3, Reservoir.radius(w, n, 4), 1e-3);
    }

    /** A triangular (non-normal) matrix: its eigenvalues are its diagonal, whatever lies above it. */
    @Test
    void findsTheLargestDiagonalOfATriangularMatrix() {
        int n = 6;
        double[] w = new double[n * n];
        double[] diagonal = {0.2, -0.7, 0.4, 0.1, -0.3, 0.5};
        for (int i = 0; i < n; i++) {
            w[i * n + i] = diagonal[i];
            for (int j = i + 1; j < n; j++) {
                w[i * n + j] = 0.8;
            }
        }
        assertEquals(0.7, Reservoir.radius(w, n, 9), 0.01);
    }

    @Test
    void aDrawnReservoirHasTheSpectralRadiusAskedFor() {
        Hyperparameters h = EsnSettings.SCHEMA.validate(java.util.Map.of("units", "200", "connectivity", "0.05",
                "spectral.radius", "1.25"), "model.").get();
        Reservoir r = Reservoir.draw(EsnSettings.of(h), 1, 7);
        assertEquals(1.25, Reservoir.radius(r.w(), 200, 12345), 0.02, "re-estimated from another start vector");
        org.junit.jupiter.api.Assertions.assertArrayEquals(r.w(), Reservoir.draw(EsnSettings.of(h), 1, 7).w(), 0.0,
                "same seed, same reservoir");
    }
}
