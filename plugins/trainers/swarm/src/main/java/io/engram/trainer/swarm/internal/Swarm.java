package io.engram.trainer.swarm.internal;

import io.engram.train.BestPoint;
import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Particle swarm optimisation (Kennedy and Eberhart 1995) as a {@link PopulationOptimizer}, in its
 * synchronous form: every generation moves all particles, then scores them together.
 *
 * <p>Generation 1 scores the starting positions: particle 0 at the starting point (the network's
 * initial parameters), particle {@code i > 0} at the starting point plus, in each value, a number
 * uniform in {@code [-spread, spread]} drawn from {@code Seeds.of(seed, i)}, clamped to the bounds.
 * Velocities start at 0 (Engelbrecht 2012 found zero or small initial velocities best, keeping
 * particles from leaving the search area at the start). Each later generation moves particle
 * {@code i} with, per value {@code d}, {@code r1, r2} uniform in [0, 1) drawn in that order from
 * {@code Seeds.of(seed, i)}:
 * <pre>
 *   inertia (Shi and Eberhart 1998):          v = w v + c1 r1 (p - x) + c2 r2 (l - x)
 *   constriction (Clerc and Kennedy 2002):    v = chi (v + c1 r1 (p - x) + c2 r2 (l - x))
 *   then |v| is clamped to vmax (when above 0; Eberhart and Kennedy 1995) and x = x + v,
 * </pre>
 * {@code p} the particle's best position so far, {@code l} the best of its neighbourhood's
 * ({@link Topology}). A value that leaves its bounds is set on the bound and its velocity to 0 (the
 * "absorbing walls" of Robinson and Rahmat-Samii 2004). Personal bests are replaced only by a
 * strictly lower cost, and keep the cost of the generation that scored them.
 *
 * <p>Lifecycle and thread-safety: one per job, asked and told on the job's thread; not thread-safe.
 */
final class Swarm implements PopulationOptimizer {
    private final SwarmSettings s;
    private final double[] start;
    private final double[] lower;
    private final double[] upper;
    private final double[][] x;
    private final double[][] v;
    private final double[][] p;
    private final double[] pCost;
    private final BestPoint best;

    Swarm(double[] start, double[] lower, double[] upper, SwarmSettings settings) {
        this.s = settings;
        this.start = start.clone();
        this.lower = lower.clone();
        this.upper = upper.clone();
        int n = settings.particles();
        this.x = new double[n][];
        this.v = new double[n][start.length];
        this.p = new double[n][];
        this.pCost = new double[n];
        Arrays.fill(pCost, Double.POSITIVE_INFINITY);
        this.best = new BestPoint(start);
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        List<double[]> out = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, i));
            if (x[i] == null) {
                x[i] = i == 0 ? start.clone() : scattered(r);
            } else {
                move(i, s.inertia(generation), p[s.topology().best(i, pCost)], r);
            }
            out.add(x[i].clone());
        }
        return out;
    }

    private double[] scattered(SplittableRandom r) {
        double[] a = start.clone();
        for (int d = 0; d < a.length; d++) {
            a[d] = Math.max(lower[d], Math.min(upper[d], a[d] + r.nextDouble(-s.spread(), s.spread())));
        }
        return a;
    }

    private void move(int i, double w, double[] l, SplittableRandom r) {
        double[] xi = x[i];
        double[] vi = v[i];
        double[] pi = p[i];
        double chi = s.constriction() ? s.chi() : Double.NaN;
        for (int d = 0; d < xi.length; d++) {
            double pull = s.c1() * r.nextDouble() * (pi[d] - xi[d]) + s.c2() * r.nextDouble() * (l[d] - xi[d]);
            double vd = s.constriction() ? chi * (vi[d] + pull) : w * vi[d] + pull;
            if (s.vmax() > 0) {
                vd = Math.max(-s.vmax(), Math.min(s.vmax(), vd));
            }
            double xd = xi[d] + vd;
            if (xd < lower[d] || xd > upper[d]) {
                xd = Math.max(lower[d], Math.min(upper[d], xd));
                vd = 0;
            }
            xi[d] = xd;
            vi[d] = vd;
        }
    }

    @Override
    public void tell(double[] costs) {
        for (int i = 0; i < x.length; i++) {
            if (costs[i] < pCost[i] || p[i] == null) {
                p[i] = x[i].clone();
                pCost[i] = costs[i];
            }
        }
        best.offer(Arrays.asList(x), costs);
    }

    /** The velocity of particle {@code i}, a new array (for tests). */
    double[] velocity(int i) {
        return v[i].clone();
    }

    @Override
    public double[] best() {
        return best.point();
    }

    @Override
    public double bestCost() {
        return best.cost();
    }
}
