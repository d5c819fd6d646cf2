package io.engram.analyze.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Network;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analysis on networks whose fixed points, eigenvalues and Lyapunov exponents are known. */
class KnownDynamicsTest {

    @Test
    void aStableLinearRnnHasOneFixedPointAtZeroWithTheEigenvaluesOfItsMatrix() {
        double[][] w = TestNetworks.similar(new double[] {0.9, -0.3}, new double[][] {{0.5, 0.6}}, 11);
        Analysis a = analyse(TestNetworks.linear(w, 1), TestNetworks.options(32, 50, 100, 1000), null);
        assertEquals(1, a.fixedPoints().size(), "every start ends in the one fixed point");
        Analysis.FixedPoint p = a.fixedPoints().get(0);
        assertEquals(0, p.norm(), 1e-6);
        assertEquals(32, p.found());
        assertEquals(Analysis.Stability.STABLE, p.stability());
        // by decreasing modulus: 0.9, |0.5 +- 0.6i| = 0.781, 0.3
        assertArrayEquals(new double[] {0.9, 0.5, 0.5, -0.3}, p.re(), 1e-9);
        assertArrayEquals(new double[] {0, 0.6, -0.6, 0}, p.im(), 1e-9);
        assertEquals(0, p.unstable());
        assertEquals(Math.log(0.9), a.autonomous().perStep(), 1e-6, "Lyapunov exponent = log of the spectral radius");
        assertEquals(1000, a.autonomous().steps());
    }

    @Test
    void anExpandingLinearRnnHasASaddleAtZeroAndTheLogOfItsSpectralRadiusAsExponent() {
        double[][] w = TestNetworks.similar(new double[] {1.2, 0.5}, new double[][] {{-0.4, 0.2}}, 12);
        Analysis a = analyse(TestNetworks.linear(w, 0), TestNetworks.options(16, 20, 100, 200), null);
        assertEquals(1, a.fixedPoints().size());
        Analysis.FixedPoint p = a.fixedPoints().get(0);
        assertEquals(0, p.norm(), 1e-6);
        assertEquals(Analysis.Stability.SADDLE, p.stability());
        assertEquals(1, p.unstable());
        assertEquals(1.2, p.spectralRadius(), 1e-9);
        assertEquals(Math.log(1.2), a.autonomous().perStep(), 1e-6);
        for (Lyapunov.Exponent e : a.fromRandom()) {
            assertEquals(Math.log(1.2), e.perStep(), 1e-6, "from any state");
        }
    }

    @Test
    void theStoredPatternsOfAContinuousHopfieldNetAreStableFixedPoints() {
        int n = 16;
        double[][] patterns = {hadamard(n, 1), hadamard(n, 2), hadamard(n, 3)};
        double beta = 3;
        double[][] w = hebbian(patterns, n);
        Network net = TestNetworks.network("hopfield-tanh", n, 1, Map.of("w", TestNetworks.matrix(w)),
                (ops, p, h, x) -> ops.tanh(ops.scale(ops.matmul(h, p.get("w"), false, true), beta)), true);
        AnalyzeOptions o = TestNetworks.options(96, 30, 0, 100);
        o = new AnalyzeOptions(o.checkpoint(), null, null, o.starts(), 3, o.iterations(), o.rate(), o.tolerance(), o.merge(),
                0.3, 40, o.length(), o.warmup(), o.steps(), false, null);
        Analysis a = analyse(net, o, null);
        // a = tanh(beta a): the fixed point a xi of each pattern, and the Jacobian's eigenvalue beta (1 - a^2) there
        double m = 1;
        for (int i = 0; i < 200; i++) {
            m = Math.tanh(beta * m);
        }
        for (double[] xi : patterns) {
            Analysis.FixedPoint found = null;
            for (Analysis.FixedPoint p : a.fixedPoints()) {
                if (p.norm() > 1 && Math.abs(cosine(p.state(), xi)) > 0.999999) {
                    found = p;
                }
            }
            assertTrue(found != null, "pattern stored but not found among " + a.fixedPoints().size() + " fixed points");
            assertEquals(Analysis.Stability.STABLE, found.stability());
            assertEquals(m * Math.sqrt(n), found.norm(), 1e-6);
            assertEquals(beta * (1 - m * m), found.spectralRadius(), 1e-6);
        }
        assertTrue(a.fixedPoints().stream().anyMatch(p -> p.norm() < 1e-6 && p.stability() != Analysis.Stability.STABLE),
                "the origin is a fixed point whose pattern directions expand (beta > 1)");
    }

    @Test
    void aHopfieldNetOfSignUnitsIsAnalysedWithoutGradientsAndItsPatternsAreSuperstable() {
        int n = 16;
        double[][] patterns = {hadamard(n, 1), hadamard(n, 5), hadamard(n, 6)};
        double[][] w = hebbian(patterns, n);
        Network net = TestNetworks.network("hopfield-sign", n, 1, Map.of("w", TestNetworks.matrix(w)),
                (ops, p, h, x) -> ops.sign(ops.matmul(h, p.get("w"), false, true)), false);
        AnalyzeOptions o = TestNetworks.options(64, 10, 0, 50);
        o = new AnalyzeOptions(o.checkpoint(), null, null, o.starts(), 5, 50, o.rate(), o.tolerance(), o.merge(),
                0.01, 60, o.length(), o.warmup(), o.steps(), false, null);
        Analysis a = analyse(net, o, null);
        assertFalse(a.autodiff());
        for (double[] xi : patterns) {
            assertTrue(a.fixedPoints().stream().anyMatch(p -> p.norm() > 1 && Math.abs(cosine(p.state(), xi)) == 1.0
                            && p.stability() == Analysis.Stability.STABLE && p.spectralRadius() == 0),
                    "every pattern (or its negative) is a fixed point with a zero Jacobian");
        }
        for (Lyapunov.Exponent e : a.fromRandom()) {
            assertEquals(Double.NEGATIVE_INFINITY, e.perStep(), "from a random state the tangent vanishes");
        }
    }

    @Test
    void aCtrnnOnALimitCycleHasALyapunovExponentNearZeroAndNoStableFixedPoint() {
        // dy/dt = -y + W tanh(y), W = 2 R(pi/4): the origin is an unstable focus (mu = -1 + 2 e^{+-i pi/4}),
        // the orbits wind out to a limit cycle; RK4, 4 substeps of dt 0.05 per step
        double g = 2;
        double th = Math.PI / 4;
        double[][] w = {{g * Math.cos(th), -g * Math.sin(th)}, {g * Math.sin(th), g * Math.cos(th)}};
        double dt = 0.05;
        int substeps = 4;
        Network net = TestNetworks.network("ctrnn-test", 2, 1, Map.of("w", TestNetworks.matrix(w)), (ops, p, h, x) -> {
            Tensor y = h;
            for (int s = 0; s < substeps; s++) {
                Tensor k1 = field(ops, p, y);
                Tensor k2 = field(ops, p, ops.add(y, ops.scale(k1, dt / 2)));
                Tensor k3 = field(ops, p, ops.add(y, ops.scale(k2, dt / 2)));
                Tensor k4 = field(ops, p, ops.add(y, ops.scale(k3, dt)));
                Tensor sum = ops.add(ops.add(k1, ops.scale(k2, 2)), ops.add(ops.scale(k3, 2), k4));
                y = ops.add(y, ops.scale(sum, dt / 6));
            }
            return y;
        }, true);
        AnalyzeOptions o = TestNetworks.options(32, 300, 500, 3000);
        double duration = dt * substeps;
        Analysis a = analyse(net, o, duration);
        assertEquals(duration, a.stepDuration());
        assertTrue(a.fixedPoints().stream().noneMatch(p -> p.stability() == Analysis.Stability.STABLE),
                "no stable fixed point");
        Analysis.FixedPoint origin = a.fixedPoints().stream().filter(p -> p.norm() < 1e-6).findFirst().orElseThrow();
        assertEquals(Analysis.Stability.UNSTABLE, origin.stability());
        assertEquals(-1 + g * Math.cos(th), Math.log(origin.spectralRadius()) / duration, 1e-4, "Re mu at the origin");
        // the initial state (zeros) is the fixed point, so the exponent from it is the origin's Re mu
        assertEquals(-1 + g * Math.cos(th), a.autonomous().perStep() / duration, 1e-4);
        assertEquals(4, a.fromRandom().size());
        for (Lyapunov.Exponent e : a.fromRandom()) {
            double perTime = e.perStep() / duration;
            assertTrue(Math.abs(perTime) < 0.01, "largest Lyapunov exponent on the cycle, per unit time: " + perTime);
        }
    }

    private static Tensor field(Ops ops, Map<String, Tensor> p, Tensor y) {
        return ops.sub(ops.matmul(ops.tanh(y), p.get("w"), false, true), y);
    }

    static Analysis analyse(Network net, AnalyzeOptions o, Double duration) {
        StepMap map = new StepMap(net, TestNetworks.OPS, 1);
        return Analyzer.run(map, net.spec().family(), o, new double[net.spec().inputSize()], List.of(), duration);
    }

    /** Row {@code k} of the Sylvester Hadamard matrix of order {@code n}: mutually orthogonal +-1 patterns. */
    static double[] hadamard(int n, int k) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Integer.bitCount(i & k) % 2 == 0 ? 1 : -1;
        }
        return v;
    }

    static double[][] hebbian(double[][] patterns, int n) {
        double[][] w = new double[n][n];
        for (double[] xi : patterns) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i][j] += xi[i] * xi[j] / n;
                }
            }
        }
        return w;
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (Dense.norm(a) * Dense.norm(b));
    }
}
