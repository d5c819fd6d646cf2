package io.engram.trainer.genetic.internal;

import io.engram.train.BestPoint;
import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generational real-valued genetic algorithm as a {@link PopulationOptimizer} (Holland 1975;
 * real-coded as in Eiben and Smith 2015, ch. 4): one chromosome per network, its parameter vector.
 *
 * <p>Generation 1 is the starting point (candidate 0) and {@code population - 1} points around it,
 * each value the start's plus {@code initSigma} times a standard normal number. Each later
 * generation is bred from the last one and its costs: its first {@code elitism} candidates are the
 * best of the last generation, unchanged (lowest cost first, the lower index among equals); every
 * other candidate {@code i} draws from {@code Seeds.of(generation seed, i)} two parents, each the
 * best of {@code tournament} candidates drawn uniformly with replacement, crosses them with
 * probability {@code crossoverRate} ({@link Crossover}; else copies the first), and adds to each
 * of its values, with probability {@code mutationRate}, {@code sigma} times a standard normal
 * number. The elites are evaluated again each generation, so on an environment their fitness is
 * measured on the new generation's episodes. {@link #best()} is the lowest-cost candidate ever told.
 *
 * <p>Not thread-safe: one per job, on the job's thread.
 */
final class Genetic implements PopulationOptimizer {
    /** The algorithm's settings (see the class comment). */
    record Settings(int population, int elitism, int tournament, Crossover crossover, double crossoverRate,
            double mutationRate, double sigma, double initSigma) {
    }

    private final Settings s;
    private final double[] start;
    private List<double[]> population = List.of();
    private double[] costs;
    private final BestPoint best;

    Genetic(double[] start, Settings settings) {
        this.start = start.clone();
        this.best = new BestPoint(start);
        this.s = settings;
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        population = Collections.unmodifiableList(costs == null ? initial(seed) : breed(seed));
        costs = null;
        return population;
    }

    @Override
    public void tell(double[] told) {
        best.offer(population, told);
        costs = told.clone();
    }

    @Override
    public double[] best() {
        return best.point();
    }

    @Override
    public double bestCost() {
        return best.cost();
    }

    private List<double[]> initial(long seed) {
        List<double[]> out = new ArrayList<>(s.population());
        out.add(start.clone());
        for (int i = 1; i < s.population(); i++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, i));
            double[] v = start.clone();
            for (int k = 0; k < v.length; k++) {
                v[k] += s.initSigma() * r.nextGaussian();
            }
            out.add(v);
        }
        return out;
    }

    private List<double[]> breed(long seed) {
        List<double[]> out = new ArrayList<>(s.population());
        int[] order = Ranking.ascending(costs);
        for (int e = 0; e < s.elitism(); e++) {
            out.add(population.get(order[e]).clone());
        }
        for (int i = s.elitism(); i < s.population(); i++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, i));
            double[] a = population.get(tournament(r));
            double[] b = population.get(tournament(r));
            double[] child = r.nextDouble() < s.crossoverRate() ? s.crossover().apply(a, b, r) : a.clone();
            for (int k = 0; k < child.length; k++) {
                if (r.nextDouble() < s.mutationRate()) {
                    child[k] += s.sigma() * r.nextGaussian();
                }
            }
            out.add(child);
        }
        return out;
    }

    /** The index of the best of {@code tournament} candidates drawn uniformly with replacement. */
    private int tournament(SplittableRandom r) {
        int w = r.nextInt(costs.length);
        for (int t = 1; t < s.tournament(); t++) {
            int c = r.nextInt(costs.length);
            if (costs[c] < costs[w] || costs[c] == costs[w] && c < w) {
                w = c;
            }
        }
        return w;
    }
}
