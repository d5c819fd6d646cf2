package io.engram.analyze.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fixed points of a network's map {@code F(h, u*)} for a constant input {@code u*}, found as
 * Sussillo and Barak do ("Opening the black box: low-dimensional dynamics in high-dimensional
 * recurrent neural networks", Neural Computation 25(3), 2013, section 2): from many starts, minimise
 * the speed {@code q(h) = 1/2 |F(h, u*) - h|^2} by gradient descent (Adam, Kingma and Ba 2015, on the
 * gradient of {@link StepMap#speed}, all starts as one batch), then polish each minimum by Newton's
 * method on {@code F(h) - h = 0} (a step {@code (J - I) d = h - F(h)}, halved until {@code q} falls),
 * keep the minima whose {@code q} is below the tolerance (the others are slow points, counted) and
 * merge those closer than the merge distance (the one of least {@code q} stands for them).
 *
 * <p>A network that is not differentiable (sign units) has no gradient: each start is iterated
 * under the map instead until {@code q} is below the tolerance, which finds the attracting fixed
 * points only.
 *
 * <p>Stateless; thread-safety as the {@link StepMap}'s (one thread).
 */
final class FixedPoints {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    private static final int NEWTON_STEPS = 20;
    /** The speed below which a minimum of the descent is polished by Newton's method. */
    private static final double POLISHED = 1e-2;

    /**
     * The settings of a search.
     *
     * @param iterations most Adam steps (or map iterations without a gradient)
     * @param rate       Adam's learning rate
     * @param tolerance  {@code q} below which a minimum is a fixed point
     * @param merge      distance below which two fixed points are one
     */
    record Settings(int iterations, double rate, double tolerance, double merge) {
    }

    /**
     * A fixed point.
     *
     * @param state the state {@code h*}
     * @param q     its speed {@code q(h*)}
     * @param starts how many starts ended in it
     */
    record Point(double[] state, double q, int starts) {
    }

    /**
     * What a search found.
     *
     * @param points     the fixed points, by decreasing number of starts that found them
     * @param slowPoints the minima that stayed above the tolerance
     */
    record Found(List<Point> points, int slowPoints) {
    }

    private FixedPoints() {
    }

    /** The fixed points of {@code map} at input {@code u} (step index {@code time}) from {@code starts}. */
    static Found search(StepMap map, double[] u, int time, double[][] starts, Settings settings) {
        int k = starts.length;
        double[][] h = new double[k][];
        for (int i = 0; i < k; i++) {
            h[i] = starts[i].clone();
        }
        if (map.differentiable()) {
            descend(map, u, time, h, settings);
            double[] q = map.speed(h, u, time);
            for (int i = 0; i < k; i++) {
                if (q[i] < POLISHED) {
                    h[i] = newton(map, u, time, h[i]);
                }
            }
        } else {
            for (int it = 0; it < settings.iterations(); it++) {
                double[][] next = map.apply(h, u, time);
                boolean settled = true;
                for (int i = 0; i < k; i++) {
                    double d = Dense.distance(next[i], h[i]);
                    settled &= d * d / 2 < settings.tolerance();
                }
                h = next;
                if (settled) {
                    break;
                }
            }
        }
        double[] q = map.speed(h, u, time);
        List<Point> kept = new ArrayList<>();
        int slow = 0;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> q[i]));
        for (int idx : order) {
            if (!(q[idx] < settings.tolerance())) {
                slow++;
                continue;
            }
            int same = -1;
            for (int p = 0; p < kept.size() && same < 0; p++) {
                if (Dense.distance(kept.get(p).state(), h[idx]) < settings.merge()) {
                    same = p;
                }
            }
            if (same >= 0) {
                Point was = kept.get(same);
                kept.set(same, new Point(was.state(), was.q(), was.starts() + 1));
            } else {
                kept.add(new Point(h[idx], q[idx], 1));
            }
        }
        kept.sort(Comparator.comparingInt((Point p) -> -p.starts()).thenComparingDouble(Point::q));
        return new Found(List.copyOf(kept), slow);
    }

    /** Adam on {@code q} for all rows of {@code h} at once, in place; stops early when every row is below a hundredth of the tolerance. */
    private static void descend(StepMap map, double[] u, int time, double[][] h, Settings settings) {
        int k = h.length;
        int n = map.dimension();
        double[][] m = new double[k][n];
        double[][] v = new double[k][n];
        double[][] g = new double[k][n];
        double b1 = 1;
        double b2 = 1;
        for (int it = 0; it < settings.iterations(); it++) {
            double[] q = map.speed(h, u, time, g);
            boolean done = true;
            for (double qi : q) {
                done &= qi < settings.tolerance() / 100;
            }
            if (done) {
                return;
            }
            b1 *= BETA1;
            b2 *= BETA2;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] = BETA1 * m[i][j] + (1 - BETA1) * g[i][j];
                    v[i][j] = BETA2 * v[i][j] + (1 - BETA2) * g[i][j] * g[i][j];
                    double mh = m[i][j] / (1 - b1);
                    double vh = v[i][j] / (1 - b2);
                    h[i][j] -= settings.rate() * mh / (Math.sqrt(vh) + ADAM_EPS);
                }
            }
        }
    }

    /** Damped Newton steps on {@code F(h) - h = 0} from {@code h}; the best state reached. */
    static double[] newton(StepMap map, double[] u, int time, double[] start) {
        int n = start.length;
        double[] h = start.clone();
        double q = map.speed(new double[][] {h}, u, time)[0];
        for (int s = 0; s < NEWTON_STEPS && q > 0; s++) {
            double[][] j = map.jacobian(h, u, time);
            double[] f = map.apply(new double[][] {h}, u, time)[0];
            double[] rhs = new double[n];
            for (int i = 0; i < n; i++) {
                j[i][i] -= 1;
                rhs[i] = h[i] - f[i];
            }
            double[] d;
            try {
                d = Dense.solve(j, rhs);
            } catch (ArithmeticException e) {
                return h;
            }
            boolean better = false;
            for (double scale = 1; scale > 1e-4 && !better; scale /= 2) {
                double[] trial = new double[n];
                for (int i = 0; i < n; i++) {
                    trial[i] = h[i] + scale * d[i];
                }
                double qt = map.speed(new double[][] {trial}, u, time)[0];
                if (qt < q) {
                    h = trial;
                    q = qt;
                    better = true;
                }
            }
            if (!better) {
                return h;
            }
        }
        return h;
    }
}
