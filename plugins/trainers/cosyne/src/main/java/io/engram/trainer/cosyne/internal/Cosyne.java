package io.engram.trainer.cosyne.internal;

import io.engram.train.BestPoint;
import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cooperative synapse neuroevolution (CoSyNE; Gomez, Schmidhuber and Miikkulainen 2008, JMLR 9,
 * Algorithm 1) as a {@link PopulationOptimizer}. The population is an {@code n x m} matrix
 * {@code P}: one subpopulation {@code X_i} of {@code m} values per parameter {@code i}, and network
 * {@code j} is formed from the {@code j}-th value of every subpopulation (line 4). Each generation:
 * <ol>
 *   <li>the {@code m} networks are evaluated (lines 3-6: one {@link #ask}, one {@link #tell}); each
 *   value takes the fitness of its network;</li>
 *   <li>recombination (line 7): the best {@code ceil(top m)} networks (at least 2) are the parents;
 *   pairs of distinct parents drawn uniformly among them make two children each by one-point
 *   crossover of their whole genotypes, and each value of a child is mutated with probability
 *   {@code mutationRate} by adding Cauchy noise of scale {@code mutationScale};</li>
 *   <li>each subpopulation is sorted by fitness and its {@code l = min(m - parents, ceil(replaced m))}
 *   lowest values are replaced by the {@code l} children's values for that parameter (lines 8-12);</li>
 *   <li>each subpopulation is permuted (line 13). With {@code permuteAll} every value is marked;
 *   else value {@code x_ij} is marked with probability
 *   {@code p(x_ij) = 1 - ((f(x_ij) - f_min) / (f_max - f_min))^(1/n)} (the paper's probabilistic
 *   marking), {@code f} its network's fitness (here the negated cost) and {@code f_min}, {@code f_max}
 *   the worst and best finite fitness of the generation; a value of a network that could not be
 *   scored, and every value when all fitnesses are equal, has {@code p = 1}, and the children's
 *   values, not yet evaluated, are not marked. The marked values of a subpopulation are then
 *   shuffled among their places, the others stay in their networks.</li>
 * </ol>
 * Generation 1 starts around the network's parameters: network 0 is the starting point, every
 * other value the start's plus {@code initSigma} times a standard normal number. Recombination draws
 * from {@code Seeds.of(generation seed, 0)}, the permutation of subpopulation {@code i} from
 * {@code Seeds.of(generation seed, i + 1)}. {@link #best()} is the lowest-cost network ever told.
 * A <em>fixed</em> parameter keeps the start's value in every network: it gets neither initial noise
 * nor mutation (the random numbers are drawn all the same, so the other parameters evolve as they
 * would without it).
 *
 * <p>Not thread-safe: one per job, on the job's thread.
 */
final class Cosyne implements PopulationOptimizer {
    /** The algorithm's settings (see the class comment). */
    record Settings(int population, double top, double replaced, double mutationRate, double mutationScale,
            boolean permuteAll, double initSigma) {
        /** The number of networks that are parents each generation. */
        int parents() {
            return Math.min(population, Math.max(2, (int) Math.ceil(top * population)));
        }

        /** The number of values of each subpopulation replaced by children each generation. */
        int children() {
            return Math.min(population - parents(), (int) Math.ceil(replaced * population));
        }
    }

    private final Settings s;
    private final double[] start;
    private final boolean[] fixed;
    /** {@code x[i][j]}: the value of parameter {@code i} in network {@code j}. */
    private double[][] x;
    private double[] costs;
    private List<double[]> asked = List.of();
    private final BestPoint best;

    Cosyne(double[] start, Settings settings) {
        this(start, settings, new boolean[start.length]);
    }

    /**
     * @param fixed for each parameter, whether it keeps the start's value ({@code start.length} long)
     * @throws IllegalArgumentException when {@code fixed} has not {@code start.length} elements
     */
    Cosyne(double[] start, Settings settings, boolean[] fixed) {
        if (fixed.length != start.length) {
            throw new IllegalArgumentException("fixed: " + fixed.length + " flags for " + start.length + " parameters");
        }
        this.fixed = fixed.clone();
        this.start = start.clone();
        this.best = new BestPoint(start);
        this.s = settings;
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        if (x == null) {
            x = Subpopulations.around(start, s.population(), s.initSigma(), fixed, seed);
        } else if (costs != null) {
            evolve(seed);
        }
        costs = null;
        List<double[]> out = new ArrayList<>(s.population());
        for (int j = 0; j < s.population(); j++) {
            double[] v = new double[x.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = x[i][j];
            }
            out.add(v);
        }
        asked = Collections.unmodifiableList(out);
        return asked;
    }

    @Override
    public void tell(double[] told) {
        best.offer(asked, told);
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

    private void evolve(long seed) {
        int[] order = Ranking.ascending(costs);
        int kept = s.population() - s.children();
        double[][] children = Recombination.children(asked, order, s.parents(), s.children(), s.mutationRate(),
                s.mutationScale(), fixed, new SplittableRandom(Seeds.of(seed, 0)));
        double[] marking = marking(order, kept);
        double[][] next = new double[x.length][s.population()];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < kept; r++) {
                next[i][r] = x[i][order[r]];
            }
            for (int k = 0; k < children.length; k++) {
                next[i][kept + k] = children[k][i];
            }
            Subpopulations.permute(next[i], marking, new SplittableRandom(Seeds.of(seed, i + 1)));
        }
        x = next;
    }

    /** The marking probability of each place of a sorted subpopulation: the kept by fitness, children 0. */
    private double[] marking(int[] order, int kept) {
        double[] p = new double[s.population()];
        if (s.permuteAll()) {
            java.util.Arrays.fill(p, 1.0);
            return p;
        }
        double fMax = Double.NEGATIVE_INFINITY;
        double fMin = Double.POSITIVE_INFINITY;
        for (double c : costs) {
            if (Double.isFinite(c)) {
                fMax = Math.max(fMax, -c);
                fMin = Math.min(fMin, -c);
            }
        }
        for (int r = 0; r < kept; r++) {
            double f = -costs[order[r]];
            p[r] = !Double.isFinite(f) || fMax <= fMin ? 1.0
                    : 1.0 - Math.pow((f - fMin) / (fMax - fMin), 1.0 / x.length);
        }
        return p;
    }
}
