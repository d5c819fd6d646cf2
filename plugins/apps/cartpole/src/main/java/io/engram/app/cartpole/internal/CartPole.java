package io.engram.app.cartpole.internal;

import io.engram.api.Environment;
import io.engram.api.Episode;
import java.util.SplittableRandom;

/**
 * The cart-pole of Barto, Sutton and Anderson 1983 ("Neuronlike adaptive elements that can solve
 * difficult learning control problems", IEEE SMC-13, appendix, eqs. (A.1) and (A.2); the constants
 * of section V): a pole hinged on a cart that moves along a track, pushed left or right with a
 * force of fixed size at every step of {@value #TAU} s, integrated with Euler's method.
 *
 * <pre>
 *   theta'' = (g sin(theta) + cos(theta) (-F - m l theta'^2 sin(theta)) / (m_c + m))
 *             / (l (4/3 - m cos^2(theta) / (m_c + m)))                                  (A.1)
 *   x''     = (F + m l (theta'^2 sin(theta) - theta'' cos(theta))) / (m_c + m)          (A.2)
 * </pre>
 * with g = 9.8 m/s^2, cart mass m_c = 1 kg, pole mass m = 0.1 kg, half-length l = 0.5 m (friction
 * left out). The observation is {@code [x, x', theta, theta']}; the action is one number, pushing
 * right with {@code +force} when it is above 0 and left otherwise. An episode starts with each of
 * the four values drawn uniformly from {@code [-start, start]} and ends when the pole leans past
 * 12 degrees, the cart leaves the track ({@code |x| > 2.4} m) or {@code maxSteps} steps have passed.
 * Each step earns a reward of 1, so an episode's fitness is the number of steps it kept the pole up.
 *
 * <p>Immutable and thread-safe; each {@link Episode} belongs to one thread.
 */
final class CartPole implements Environment {
    static final double G = 9.8;
    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double HALF_LENGTH = 0.5;
    static final double TAU = 0.02;
    static final double MAX_ANGLE = 12 * Math.PI / 180;
    static final double MAX_X = 2.4;

    private final int maxSteps;
    private final double force;
    private final double start;

    CartPole(int maxSteps, double force, double start) {
        this.maxSteps = maxSteps;
        this.force = force;
        this.start = start;
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Episode start(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) {
            s[i] = start == 0 ? 0 : r.nextDouble(-start, start);
        }
        return new CartPoleEpisode(this, s);
    }

    /** The state {@code [x, x', theta, theta']} one Euler step after {@code s} under {@code f} newtons. */
    static double[] next(double[] s, double f) {
        double total = CART_MASS + POLE_MASS;
        double sin = Math.sin(s[2]);
        double cos = Math.cos(s[2]);
        double w2 = s[3] * s[3];
        double thetaAcc = (G * sin + cos * (-f - POLE_MASS * HALF_LENGTH * w2 * sin) / total)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / total));
        double xAcc = (f + POLE_MASS * HALF_LENGTH * (w2 * sin - thetaAcc * cos)) / total;
        return new double[] {s[0] + TAU * s[1], s[1] + TAU * xAcc, s[2] + TAU * s[3], s[3] + TAU * thetaAcc};
    }

    static boolean fallen(double[] s) {
        return Math.abs(s[0]) > MAX_X || Math.abs(s[2]) > MAX_ANGLE;
    }

    double force() {
        return force;
    }
}
