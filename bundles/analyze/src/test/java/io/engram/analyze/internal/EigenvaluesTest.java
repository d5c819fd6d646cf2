package io.engram.analyze.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EigenvaluesTest {

    @Test
    void triangularMatricesHaveTheirDiagonal() {
        double[][] a = {{3, 1, 4}, {0, -2, 5}, {0, 0, 0.5}};
        double[][] e = Eigenvalues.of(a);
        assertArrayEquals(new double[] {3, -2, 0.5}, e[0], 1e-12);
        assertArrayEquals(new double[3], e[1], 1e-12);
        assertEquals(3, a[0][0], "the argument is not changed");
    }

    @Test
    void zeroAndRankDeficientMatricesConverge() {
        double[][] e = Eigenvalues.of(new double[5][5]);
        assertArrayEquals(new double[5], e[0], 0);
        double[] u = {1, -1, 1, 1, -1, 1};
        double[][] a = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = 0.25 * u[i] * u[j];
            }
        }
        e = Eigenvalues.of(a);
        assertEquals(1.5, e[0][0], 1e-12);
        for (int i = 1; i < 6; i++) {
            assertEquals(0, Math.hypot(e[0][i], e[1][i]), 1e-12);
        }
    }

    @Test
    void aRotationHasAConjugatePair() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[][] e = Eigenvalues.of(new double[][] {{c, -s}, {s, c}});
        assertArrayEquals(new double[] {c, c}, e[0], 1e-12);
        assertArrayEquals(new double[] {s, -s}, e[1], 1e-12);
    }

    @Test
    void similarMatricesKeepTheEigenvaluesTheyWereMadeWith() {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] a = TestNetworks.similar(new double[] {0.9, -0.7, 0.2, 0.05},
                    new double[][] {{0.5, 0.3}, {-0.1, 0.8}, {0.0, 0.25}}, seed);
            double[][] e = Eigenvalues.of(a);
            // by decreasing modulus: 0.9, |-0.1 +- 0.8i| = 0.806, 0.7, |0.5 +- 0.3i| = 0.583, 0.25, 0.2, 0.05
            double[] re = {0.9, -0.1, -0.1, -0.7, 0.5, 0.5, 0.0, 0.0, 0.2, 0.05};
            double[] im = {0, 0.8, -0.8, 0, 0.3, -0.3, 0.25, -0.25, 0, 0};
            assertArrayEquals(re, e[0], 1e-9, "seed " + seed + ": " + Arrays.toString(e[0]));
            assertArrayEquals(im, e[1], 1e-9, "seed " + seed + ": " + Arrays.toString(e[1]));
        }
    }

    @Test
    void randomMatricesKeepTraceAndDeterminant() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 5, 17, 40}) {
            double[][] a = new double[n][n];
            double trace = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = r.nextGaussian() / Math.sqrt(n);
                }
                trace += a[i][i];
            }
            double[][] e = Eigenvalues.of(a);
            double sum = Arrays.stream(e[0]).sum();
            assertEquals(trace, sum, 1e-9, "n " + n);
            assertEquals(0, Arrays.stream(e[1]).sum(), 1e-9, "conjugate pairs, n " + n);
            // the product of the eigenvalues is the determinant (by elimination)
            double pr = 1;
            double pi = 0;
            for (int i = 0; i < n; i++) {
                double nr = pr * e[0][i] - pi * e[1][i];
                pi = pr * e[1][i] + pi * e[0][i];
                pr = nr;
            }
            assertEquals(determinant(a), pr, 1e-9 * Math.max(1, Math.abs(pr)), "n " + n);
            assertEquals(0, pi, 1e-9 * Math.max(1, Math.abs(pr)), "n " + n);
        }
    }

    @Test
    void symmetricJacobiAgreesWithQr() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 9;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = r.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        Dense.Symmetric s = Dense.symmetric(a);
        double[] qr = Eigenvalues.of(a)[0].clone();
        Arrays.sort(qr);
        double[] jacobi = s.values().clone();
        Arrays.sort(jacobi);
        assertArrayEquals(qr, jacobi, 1e-10);
        for (int k = 0; k < n; k++) {
            double[] av = Dense.times(a, s.vectors()[k]);
            for (int i = 0; i < n; i++) {
                assertEquals(s.values()[k] * s.vectors()[k][i], av[i], 1e-10, "A v = lambda v, k " + k);
            }
            assertEquals(1, Dense.norm(s.vectors()[k]), 1e-12);
        }
        assertEquals(true, s.values()[0] >= s.values()[n - 1], "decreasing order");
    }

    @Test
    void solveSolvesAndRefusesSingularMatrices() {
        double[][] a = {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}};
        double[] x = Dense.solve(a, new double[] {3, 5, 5});
        assertArrayEquals(new double[] {1, 1, 1}, x, 1e-12);
        assertThrows(ArithmeticException.class, () -> Dense.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1}));
    }

    @Test
    void nonFiniteInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Eigenvalues.of(new double[][] {{1, Double.NaN}, {0, 1}}));
        assertEquals("eigenvalues: row 0 holds NaN", e.getMessage());
    }

    private static double determinant(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (p != c) {
                double[] t = m[p];
                m[p] = m[c];
                m[c] = t;
                det = -det;
            }
            det *= m[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return det;
    }
}
