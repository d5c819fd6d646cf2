package io.engram.app.robotcontrol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The simulator against the equations: Wieland's equations written out again here, in their own
 * form (effective forces and masses per pole), and one classical Runge-Kutta step computed by hand
 * from them, independently of {@link Plant}; and literal values of both worked out apart.
 */
class PlantTest {
    private static final double[] S0 = {0.1, -0.2, Math.toRadians(4.5), 0.3, -0.05, 0.5};

    /** Wieland 1991: x'' and theta_i'' of state {@code s} under force {@code f}, poles {@code n}. */
    private static double[] wieland(double[] s, double f, int n) {
        double[] m = {0.1, 0.01};
        double[] l = {0.5, 0.05};
        double g = -9.8;
        double mup = 2e-6;
        double effectiveForce = 0;
        double effectiveMass = 0;
        for (int i = 0; i < n; i++) {
            double t = s[2 + 2 * i];
            double w = s[3 + 2 * i];
            effectiveForce += m[i] * l[i] * w * w * Math.sin(t)
                    + 3.0 / 4.0 * m[i] * Math.cos(t) * (mup * w / (m[i] * l[i]) + g * Math.sin(t));
            effectiveMass += m[i] * (1 - 3.0 / 4.0 * Math.cos(t) * Math.cos(t));
        }
        double xAcc = (f - 5e-4 * Math.signum(s[1] == 0 ? 1 : s[1]) + effectiveForce) / (1.0 + effectiveMass);
        double[] d = {s[1], xAcc, s[3], 0, n > 1 ? s[5] : 0, 0};
        for (int i = 0; i < n; i++) {
            double t = s[2 + 2 * i];
            double w = s[3 + 2 * i];
            d[3 + 2 * i] = -3.0 / (4.0 * l[i]) * (xAcc * Math.cos(t) + g * Math.sin(t) + mup * w / (m[i] * l[i]));
        }
        return d;
    }

    /** y + h/6 (k1 + 2 k2 + 2 k3 + k4), by hand. */
    private static double[] rk4(double[] y, double f, int n, double h) {
        double[] k1 = wieland(y, f, n);
        double[] y2 = new double[6];
        double[] y3 = new double[6];
        double[] y4 = new double[6];
        for (int i = 0; i < 6; i++) {
            y2[i] = y[i] + h / 2 * k1[i];
        }
        double[] k2 = wieland(y2, f, n);
        for (int i = 0; i < 6; i++) {
            y3[i] = y[i] + h / 2 * k2[i];
        }
        double[] k3 = wieland(y3, f, n);
        for (int i = 0; i < 6; i++) {
            y4[i] = y[i] + h * k3[i];
        }
        double[] k4 = wieland(y4, f, n);
        double[] out = new double[6];
        for (int i = 0; i < 6; i++) {
            out[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }

    @Test
    void derivativesOfTheDoublePoleFollowWieland() {
        double[] d = new double[6];
        new Plant(true).derivatives(S0, 4.0, d);
        assertArrayEquals(wieland(S0, 4.0, 2), d, 1e-13);
        // worked out apart: x'' = 3.8396... m/s^2, theta_1'' = -4.588..., theta_2'' = -64.899... rad/s^2
        assertArrayEquals(new double[] {-0.2, 3.839608056931611, 0.3, -4.5883270328454255, 0.5, -64.89908108291557},
                d, 1e-12);
    }

    @Test
    void oneRungeKuttaStepOfTheDoublePoleMatchesTheHandComputedOne() {
        Plant p = new Plant(true);
        p.reset(S0);
        p.rungeKutta(4.0);
        assertArrayEquals(rk4(S0, 4.0, 2, 0.01), p.s, 1e-14);
        assertArrayEquals(new double[] {0.09819193883492355, -0.16161607107714027, 0.08131118879292758,
                0.2543500502888861, -0.04823557792754571, -0.14656735213977734}, p.s, 1e-12);
    }

    @Test
    void anActionOfTheSinglePoleIsTwoRungeKuttaStepsOf10Ms() {
        Plant p = new Plant(false);
        double[] start = {0, 0, Math.toRadians(4.5), 0, 0.3, 0.3};
        p.reset(start);
        p.act(0.0);
        double[] byHand = rk4(rk4(new double[] {0, 0, Math.toRadians(4.5), 0, 0, 0}, 0.0, 1, 0.01), 0.0, 1, 0.01);
        assertArrayEquals(byHand, p.s, 1e-15);
        // the cart drifts left under friction (sgn(0) = +1) as the pole falls right
        assertArrayEquals(new double[] {-1.1153184546350923e-05, -0.0011142684450838785, 0.07878728500129818,
                0.024757372636876857, 0, 0}, p.s, 1e-12);
        assertEquals(0.0, p.s[4], "the second pole of a single-pole plant stays out");
    }

    @Test
    void frictionOpposesTheCartsMotion() {
        double[] d = new double[6];
        double[] movingLeft = {0, -1, 0, 0, 0, 0};
        double[] movingRight = {0, 1, 0, 0, 0, 0};
        Plant p = new Plant(true);
        p.derivatives(movingLeft, 0, d);
        double left = d[1];
        p.derivatives(movingRight, 0, d);
        assertEquals(5e-4 / 1.0275, left, 1e-12, "upright poles: m~ = m/4 each, so x'' = mu_c / (1 + 0.0275)");
        assertEquals(-left, d[1], 1e-15);
    }
}
