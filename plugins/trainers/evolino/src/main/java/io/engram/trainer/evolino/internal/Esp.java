package io.engram.trainer.evolino.internal;

import io.engram.train.BestPoint;
import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Enforced subpopulations (ESP; Gomez and Miikkulainen 1999), the search Evolino runs on the
 * hidden weights (Wierstra et al. 2005, section 2): one subpopulation of {@code population}
 * chromosomes per group of weights (per unit, see {@link io.engram.train.UnitGroups}), a network formed
 * by taking one chromosome from every subpopulation. Each generation:
 * <ol>
 *   <li>{@code trials} rounds of {@code population} networks: in each round every subpopulation is
 *   shuffled (from {@code Seeds.of(seed, round)}) and network {@code j} takes the {@code j}-th chromosome
 *   of each, so that every chromosome takes part once per round; a chromosome's cost is the mean cost
 *   of the networks it took part in ({@code +infinity} when one of them could not be scored);</li>
 *   <li>in each subpopulation {@code g}, ranked by cost (the lower index first among equals), the best
 *   {@code ceil(top population)} (at least 2) are the parents, and the worst
 *   {@code min(population - parents, ceil(replaced population))} are replaced by children: one-point
 *   crossover of two distinct parents drawn uniformly, each value then, with probability
 *   {@code mutationRate}, plus Cauchy noise of scale {@code mutationScale}; the draws come from
 *   {@code Seeds.of(seed, rounds + g)}.</li>
 * </ol>
 * Generation 1 starts around the network's weights: chromosome 0 of every subpopulation is the start,
 * the others the start plus {@code initSigma} times standard normal numbers (subpopulation {@code g}
 * from {@code Seeds.of(seed, g)}). The values outside every group (the readout) keep the start's.
 * {@link #best()} is the lowest-cost network ever told.
 *
 * <p>Not thread-safe: one per job, on the job's thread.
 */
final class Esp implements PopulationOptimizer {
    /** The search's settings (see the class comment). */
    record Settings(int population, int trials, double top, double replaced, double mutationRate,
            double mutationScale, double initSigma) {
        int parents() {
            return Math.min(population, Math.max(2, (int) Math.ceil(top * population)));
        }

        int children() {
            return Math.min(population - parents(), (int) Math.ceil(replaced * population));
        }
    }

    private final Settings s;
    private final double[] start;
    private final List<int[]> groups;
    /** {@code chromosomes[g][c]}: chromosome {@code c} of subpopulation {@code g}, the values of group {@code g}. */
    private double[][][] chromosomes;
    /** {@code members[n][g]}: the chromosome of subpopulation {@code g} in network {@code n} of the last ask. */
    private int[][] members;
    private double[][] chromosomeCosts;
    private List<double[]> asked = List.of();
    private final BestPoint best;

    Esp(double[] start, List<int[]> groups, Settings settings) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no weights to evolve: every parameter is the readout's");
        }
        this.start = start.clone();
        this.groups = List.copyOf(groups);
        this.s = settings;
        this.best = new BestPoint(start);
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        if (chromosomes == null) {
            initialise(seed);
        } else if (chromosomeCosts != null) {
            evolve(seed);
        }
        chromosomeCosts = null;
        int m = s.population();
        int n = m * s.trials();
        members = new int[n][groups.size()];
        List<double[]> out = new ArrayList<>(n);
        for (int round = 0; round < s.trials(); round++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, round));
            int[][] order = new int[groups.size()][];
            for (int g = 0; g < groups.size(); g++) {
                order[g] = shuffled(m, r);
            }
            for (int j = 0; j < m; j++) {
                double[] v = start.clone();
                int net = round * m + j;
                for (int g = 0; g < groups.size(); g++) {
                    int c = order[g][j];
                    members[net][g] = c;
                    int[] idx = groups.get(g);
                    for (int i = 0; i < idx.length; i++) {
                        v[idx[i]] = chromosomes[g][c][i];
                    }
                }
                out.add(v);
            }
        }
        asked = Collections.unmodifiableList(out);
        return asked;
    }

    @Override
    public void tell(double[] costs) {
        best.offer(asked, costs);
        int m = s.population();
        double[][] sum = new double[groups.size()][m];
        int[][] count = new int[groups.size()][m];
        for (int net = 0; net < costs.length; net++) {
            for (int g = 0; g < groups.size(); g++) {
                sum[g][members[net][g]] += costs[net];
                count[g][members[net][g]]++;
            }
        }
        chromosomeCosts = new double[groups.size()][m];
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < m; c++) {
                double mean = count[g][c] == 0 ? Double.POSITIVE_INFINITY : sum[g][c] / count[g][c];
                chromosomeCosts[g][c] = Double.isNaN(mean) ? Double.POSITIVE_INFINITY : mean;
            }
        }
    }

    @Override
    public double[] best() {
        return best.point();
    }

    @Override
    public double bestCost() {
        return best.cost();
    }

    private void initialise(long seed) {
        chromosomes = new double[groups.size()][s.population()][];
        for (int g = 0; g < groups.size(); g++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, g));
            int[] idx = groups.get(g);
            for (int c = 0; c < s.population(); c++) {
                double[] x = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    x[i] = start[idx[i]] + (c == 0 ? 0.0 : s.initSigma() * r.nextGaussian());
                }
                chromosomes[g][c] = x;
            }
        }
    }

    private void evolve(long seed) {
        int m = s.population();
        int parents = s.parents();
        int children = s.children();
        for (int g = 0; g < groups.size(); g++) {
            double[] cost = chromosomeCosts[g];
            int[] rank = IntStream.range(0, m).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(c -> cost[c]).thenComparingInt(c -> c))
                    .mapToInt(Integer::intValue).toArray();
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, s.trials() + g));
            double[][] next = new double[m][];
            for (int k = 0; k < m - children; k++) {
                next[k] = chromosomes[g][rank[k]];
            }
            for (int k = m - children; k < m; k++) {
                int a = r.nextInt(parents);
                int b = (a + 1 + r.nextInt(parents - 1)) % parents;
                next[k] = mutate(cross(chromosomes[g][rank[a]], chromosomes[g][rank[b]], r), r);
            }
            chromosomes[g] = next;
        }
    }

    private static double[] cross(double[] p, double[] q, SplittableRandom r) {
        double[] c = q.clone();
        int cut = p.length < 2 ? p.length : 1 + r.nextInt(p.length - 1);
        System.arraycopy(p, 0, c, 0, cut);
        return c;
    }

    private double[] mutate(double[] c, SplittableRandom r) {
        for (int i = 0; i < c.length; i++) {
            if (r.nextDouble() < s.mutationRate()) {
                c[i] += s.mutationScale() * Math.tan(Math.PI * (r.nextDouble() - 0.5));
            }
        }
        return c;
    }

    private static int[] shuffled(int m, SplittableRandom r) {
        int[] p = IntStream.range(0, m).toArray();
        for (int k = m - 1; k > 0; k--) {
            int o = r.nextInt(k + 1);
            int t = p[k];
            p[k] = p[o];
            p[o] = t;
        }
        return p;
    }
}
