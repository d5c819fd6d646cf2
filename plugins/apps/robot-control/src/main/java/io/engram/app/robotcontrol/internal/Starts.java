package io.engram.app.robotcontrol.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The starting states of the benchmark beyond the standard one. The generalisation test of Gruau,
 * Whitley and Pyeatt 1996 (as run by Gomez's benchmark code and Gomez et al. 2008, section 6.1):
 * each of {@code x, x', theta_1, theta_1'} takes the values {@value #STARTS_PER_VARIABLE} points
 * 0.05, 0.25, 0.5, 0.75 and 0.95 of the way across its range (x in +-2.16 m, x' in +-1.35 m/s,
 * theta_1 in +-3.6 degrees = +-0.06283152 rad, theta_1' in +-8.6 degrees/s = +-0.15009752 rad/s),
 * the short pole upright and still: 5^4 = 625 starts, x varying slowest. A random start draws each
 * of the four uniformly over the same ranges. Stateless.
 */
final class Starts {
    static final int STARTS_PER_VARIABLE = 5;
    static final double[] POINTS = {0.05, 0.25, 0.5, 0.75, 0.95};
    /** Half the range of x, x', theta_1 and theta_1'. */
    static final double[] HALF_RANGE = {2.16, 1.35, 0.06283152, 0.15009752};

    private Starts() {
    }

    /** The 625 starts of the generalisation test, each {@code [x, x', theta_1, theta_1', 0, 0]}. */
    static List<double[]> grid() {
        List<double[]> out = new ArrayList<>(625);
        for (double a : POINTS) {
            for (double b : POINTS) {
                for (double c : POINTS) {
                    for (double d : POINTS) {
                        out.add(new double[] {at(0, a), at(1, b), at(2, c), at(3, d), 0, 0});
                    }
                }
            }
        }
        return out;
    }

    private static double at(int variable, double point) {
        return (2 * point - 1) * HALF_RANGE[variable];
    }

    /** A start drawn from {@code seed}, each of the four uniform over its whole range. */
    static double[] random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[6];
        for (int i = 0; i < 4; i++) {
            s[i] = at(i, r.nextDouble());
        }
        return s;
    }
}
