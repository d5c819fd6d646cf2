package io.engram.family.memristive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The circuit's equation of motion against the properties Caravelli, Traversa and Di Ventra (2017)
 * derive: Kirchhoff's laws, the Lyapunov function that decreases along every trajectory, and a
 * relaxation that is a superposition of exponentials of many rates (so that its rate shrinks over
 * time), where a circuit without memory effect on its resistance ({@code xi = 0}) relaxes with the
 * single rate {@code alpha}.
 */
class CircuitTest {
    private static final int NODES = 20;
    private static final int EDGES = 50;
    private static final double ALPHA = 0.1;
    private static final double BETA = 10;

    private static double[] omega(SplittableRandom r) {
        return CircuitBuilder.projector(CircuitBuilder.incidence(NODES, EDGES, r), NODES - 1, EDGES);
    }

    /** Sources uniform in [-1, 1], scaled to {@code |S|_2 = norm}. */
    private static double[] sources(SplittableRandom r, double norm) {
        double[] s = new double[EDGES];
        double n = 0;
        for (int k = 0; k < EDGES; k++) {
            s[k] = r.nextDouble(-1, 1);
            n += s[k] * s[k];
        }
        for (int k = 0; k < EDGES; k++) {
            s[k] *= norm / Math.sqrt(n);
        }
        return s;
    }

    private static double[] times(double[] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i * v.length + j] * v[j];
            }
        }
        return out;
    }

    @Test
    void omegaIsTheProjectorOnTheLoopSpaceAndCurrentsObeyKirchhoff() {
        SplittableRandom r = new SplittableRandom(1);
        double[] a = CircuitBuilder.incidence(NODES, EDGES, r);
        double[] omega = CircuitBuilder.projector(a, NODES - 1, EDGES);
        double trace = 0;
        for (int i = 0; i < EDGES; i++) {
            trace += omega[i * EDGES + i];
            for (int j = 0; j < EDGES; j++) {
                double square = 0;
                for (int k = 0; k < EDGES; k++) {
                    square += omega[i * EDGES + k] * omega[k * EDGES + j];
                }
                assertEquals(omega[i * EDGES + j], square, 1e-12, "Omega^2 = Omega at " + i + "," + j);
                assertEquals(omega[i * EDGES + j], omega[j * EDGES + i], 1e-12, "Omega symmetric at " + i + "," + j);
            }
        }
        assertEquals(EDGES - NODES + 1, trace, 1e-9, "rank of Omega: the number of independent loops");
        double xi = 10;
        Circuit c = new Circuit(omega, xi, ALPHA, BETA);
        double[] s = sources(r, 1);
        double[] x = new double[EDGES];
        for (int k = 0; k < EDGES; k++) {
            x[k] = r.nextDouble();
        }
        double[] i = c.currents(x, s);
        for (int node = 0; node < NODES - 1; node++) {
            double in = 0;
            for (int k = 0; k < EDGES; k++) {
                in += a[node * EDGES + k] * i[k];
            }
            assertEquals(0, in, 1e-12, "current law at node " + (node + 1));
        }
        double[] drop = new double[EDGES];
        for (int k = 0; k < EDGES; k++) {
            drop[k] = (1 + xi * x[k]) * i[k] - s[k];
        }
        double[] loops = times(omega, drop);
        for (int k = 0; k < EDGES; k++) {
            assertEquals(0, loops[k], 1e-12, "voltage law, loop component " + k);
        }
    }

    /** The gradient of L is {@code -X (I + xi Omega X) dx/dt}: L and the equation of motion belong together. */
    @Test
    void lyapunovGradientIsTheEquationOfMotion() {
        SplittableRandom r = new SplittableRandom(2);
        double[] omega = omega(r);
        Circuit c = new Circuit(omega, 10, ALPHA, BETA);
        double[] s = sources(r, 3);
        double[] x = new double[EDGES];
        for (int k = 0; k < EDGES; k++) {
            x[k] = r.nextDouble(0.1, 0.9);
        }
        double[] d = c.derivative(x, s);
        double[] xd = new double[EDGES];
        for (int k = 0; k < EDGES; k++) {
            xd[k] = x[k] * d[k];
        }
        double[] oxd = times(omega, xd);
        for (int k = 0; k < EDGES; k++) {
            double expected = -x[k] * (d[k] + 10 * oxd[k]);
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (c.lyapunov(up, s) - c.lyapunov(down, s)) / 2e-6;
            assertEquals(expected, numeric, 1e-7, "dL/dx_" + k);
        }
    }

    @Test
    void lyapunovFunctionNeverIncreasesAlongTrajectories() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Circuit c = new Circuit(omega(r), 10, ALPHA, BETA);
            double[] s = sources(r, 0.9 * ALPHA * BETA);
            double[] x = new double[EDGES];
            for (int k = 0; k < EDGES; k++) {
                x[k] = r.nextDouble();
            }
            double first = c.lyapunov(x, s);
            double previous = first;
            for (int n = 0; n < 4000; n++) {
                c.advance(x, s, 0.05, 1);
                double l = c.lyapunov(x, s);
                assertTrue(l <= previous + 1e-12, "seed " + seed + ", step " + n + ": L rose from " + previous + " to " + l);
                previous = l;
            }
            assertTrue(first - previous > 0.5, "seed " + seed + ": L fell only from " + first + " to " + previous);
        }
    }

    /**
     * Near its fixed point a circuit with memory effect ({@code xi = 10}) relaxes as a sum of
     * exponentials with rates spread above {@code alpha}: the fast ones die first and the effective
     * rate shrinks toward the slowest, {@code alpha}; with {@code xi = 0} the rate is {@code alpha}
     * throughout.
     */
    @Test
    void relaxationSlowsDownOverTimeOnlyWithTheMemoryEffect() {
        double[] flat = rates(0);
        double[] spread = rates(10);
        for (int w = 0; w < flat.length; w++) {
            assertEquals(ALPHA, flat[w], 0.002, "xi = 0, window " + w + ": one exponential of rate alpha");
        }
        for (int w = 1; w < spread.length; w++) {
            assertTrue(spread[w] <= spread[w - 1] + 1e-4, "xi = 10: rate rose from " + spread[w - 1] + " to " + spread[w]);
        }
        assertTrue(spread[0] > 1.3 * spread[spread.length - 1], "xi = 10: early rate " + spread[0]
                + ", late rate " + spread[spread.length - 1]);
        assertEquals(ALPHA, spread[spread.length - 1], 0.01, "xi = 10: the slowest rate is alpha's");
    }

    /** The decay rates of the distance to the fixed point over the windows [0,2], [2,8], [8,32], [32,128]. */
    private static double[] rates(double xi) {
        SplittableRandom r = new SplittableRandom(7);
        Circuit c = new Circuit(omega(r), xi, ALPHA, BETA);
        double[] s = sources(r, 4 * ALPHA * BETA);
        double[] x = new double[EDGES];
        java.util.Arrays.fill(x, 0.5);
        c.advance(x, s, 0.05, 8000);
        for (int k = 0; k < EDGES; k++) {
            if (x[k] > 0) {
                x[k] = Math.max(1e-3, x[k] + 0.05 * r.nextDouble(-1, 1));
            }
        }
        int[] times = {0, 2, 8, 32, 128};
        double[][] at = new double[times.length][];
        int t = 0;
        for (int w = 0; w < times.length; w++) {
            c.advance(x, s, 0.05, 20 * (times[w] - t));
            t = times[w];
            at[w] = x.clone();
        }
        c.advance(x, s, 0.05, 20 * 200);
        double[] rates = new double[times.length - 1];
        for (int w = 0; w < rates.length; w++) {
            rates[w] = Math.log(distance(at[w], x) / distance(at[w + 1], x)) / (times[w + 1] - times[w]);
        }
        return rates;
    }

    private static double distance(double[] a, double[] b) {
        double acc = 0;
        for (int k = 0; k < a.length; k++) {
            acc += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(acc);
    }
}
