package io.engram.trainer.annealing.internal;

import io.engram.train.BestPoint;
import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated annealing (Kirkpatrick, Gelatt and Vecchi 1983) as a {@link PopulationOptimizer}:
 * {@code chains} independent Markov chains, each proposing {@code neighbours} Gaussian moves per
 * generation and taking the Metropolis step (Metropolis et al. 1953) on the best of them, so that a
 * generation holds {@code chains x neighbours} candidates scored in parallel.
 *
 * <p>Generation 1 scores the starting point (candidate 0) and {@code neighbours} moves from it for
 * each chain; every chain starts there. Afterwards candidate {@code c * neighbours + j} (plus one
 * in generation 1) is the {@code j}-th move of chain {@code c}: the chain's point with each value,
 * or {@code values} of them chosen at random without repetition (a partial Fisher-Yates shuffle;
 * Corana, Marchesi, Martini and Ridella 1987 move one coordinate at a time), plus {@code sigma_k}
 * times a standard normal number, clamped to the bounds, all drawn from
 * {@code Seeds.of(Seeds.of(seed, 0), index)}. At step {@code k} (generation {@code k + 1}) the
 * chain compares the lowest cost among its moves, {@code E'}, with its own {@code E}: it moves when
 * {@code E' <= E}, or else with probability {@code exp(-(E' - E) / T_k)}, the uniform number drawn
 * from {@code Seeds.of(Seeds.of(seed, 1), c)}. A move that could not be scored is never taken.
 * Taking the best of several neighbours is the "parallel trials" form of parallel annealing
 * (Aarts and Korst 1989; Azencott (ed.) 1992): at high temperature it makes the chain
 * greedier than the sequential algorithm, at low temperature, where most single moves are refused,
 * it makes progress {@code neighbours} times as likely per step; several chains are the
 * independent-runs form, the best point of any of them being the result.
 *
 * <p>The temperature follows the {@link Cooling} schedule from {@code T_0}. When {@code T_0} is
 * not given (0) it is estimated after generation 1 as Kirkpatrick et al. advise, so that the
 * uphill moves from the start are taken with probability {@code acceptance}: with {@code D} the
 * mean of the positive cost differences between the first moves and the start,
 * {@code T_0 = -D / ln(acceptance)} ({@link InitialTemperature}); when no move went uphill,
 * {@code D} is the mean absolute difference, and {@code T_0 = 1} when no difference is finite.
 * With {@code shrink}, the step is {@code sigma_k = sigma sqrt(T_k / T_0)}, as in Boltzmann
 * annealing, whose Gaussian moves have a variance proportional to the temperature (Ingber 1989);
 * otherwise {@code sigma_k = sigma}. Under linear cooling a shrinking step reaches 0 with the
 * temperature, and the last moves change nothing.
 *
 * <p>Costs are kept from the generation that scored them: on an environment whose episodes differ
 * between generations a chain compares its moves with the cost its point had when it was taken.
 *
 * <p>Lifecycle and thread-safety: one per job, asked and told on the job's thread; not thread-safe.
 */
final class Annealing implements PopulationOptimizer {
    /** The settings of a run; {@code t0 = 0} asks for the estimate. */
    record Settings(int chains, int neighbours, double sigma, int values, boolean shrink, Cooling cooling,
                    double rate, int steps, double t0, double acceptance) {
    }

    private final Settings s;
    private final double[] lower;
    private final double[] upper;
    private final double[] start;
    private final double[][] current;
    private final double[] currentCost;
    private double t0;
    private int step;
    private long seed;
    private List<double[]> asked = List.of();
    private final BestPoint best;
    private long accepted;

    Annealing(double[] start, double[] lower, double[] upper, Settings settings) {
        this.s = settings;
        this.start = start.clone();
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.current = new double[settings.chains()][];
        this.currentCost = new double[settings.chains()];
        this.best = new BestPoint(start);
        this.t0 = settings.t0();
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        this.seed = seed;
        double sigma = step == 0 || !s.shrink() ? s.sigma() : s.sigma() * Math.sqrt(temperature() / t0);
        long proposals = Seeds.of(seed, 0);
        List<double[]> out = new ArrayList<>();
        if (step == 0) {
            out.add(start);
        }
        for (int c = 0; c < s.chains(); c++) {
            double[] from = step == 0 ? start : current[c];
            for (int j = 0; j < s.neighbours(); j++) {
                out.add(move(from, sigma, new SplittableRandom(Seeds.of(proposals, out.size()))));
            }
        }
        asked = out;
        return out;
    }

    private double[] move(double[] from, double sigma, SplittableRandom r) {
        double[] v = from.clone();
        if (s.values() == 0 || s.values() >= v.length) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(lower[i], Math.min(upper[i], v[i] + sigma * r.nextGaussian()));
            }
            return v;
        }
        int[] order = new int[v.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int k = 0; k < s.values(); k++) {
            int j = k + r.nextInt(order.length - k);
            int i = order[j];
            order[j] = order[k];
            order[k] = i;
            v[i] = Math.max(lower[i], Math.min(upper[i], v[i] + sigma * r.nextGaussian()));
        }
        return v;
    }

    @Override
    public void tell(double[] costs) {
        int first = 0;
        if (step == 0) {
            for (int c = 0; c < s.chains(); c++) {
                current[c] = start;
                currentCost[c] = costs[0];
            }
            if (t0 <= 0) {
                t0 = InitialTemperature.estimate(costs, s.acceptance());
            }
            first = 1;
        }
        best.offer(asked, costs);
        double t = temperature();
        long acceptance = Seeds.of(seed, 1);
        for (int c = 0; c < s.chains(); c++) {
            int w = first + c * s.neighbours();
            for (int j = 1; j < s.neighbours(); j++) {
                if (costs[first + c * s.neighbours() + j] < costs[w]) {
                    w = first + c * s.neighbours() + j;
                }
            }
            double u = new SplittableRandom(Seeds.of(acceptance, c)).nextDouble();
            if (Metropolis.accepts(currentCost[c], costs[w], t, u)) {
                current[c] = asked.get(w);
                currentCost[c] = costs[w];
                accepted++;
            }
        }
        step++;
    }

    /** The temperature of the next Metropolis step ({@code T_0} until it is known: 0 before an estimate). */
    double temperature() {
        return s.cooling().temperature(t0, step, s.rate(), s.steps());
    }

    /** The initial temperature, given or estimated (0 while still to be estimated). */
    double initialTemperature() {
        return t0;
    }

    /** Metropolis steps that moved a chain so far, over all chains. */
    long accepted() {
        return accepted;
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
