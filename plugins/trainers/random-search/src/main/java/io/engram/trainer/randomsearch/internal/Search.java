package io.engram.trainer.randomsearch.internal;

import io.engram.train.PopulationOptimizer;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random search as a {@link PopulationOptimizer}. Candidate 0 of a generation is the best point so
 * far and candidate {@code i > 0} adds to each of its values {@code sigma} times a standard normal
 * number drawn from {@code Seeds.of(generation seed, i)}. All candidates are scored on the same
 * seeds, and the lowest cost wins, the lowest index among equals, so the best so far is kept unless
 * a perturbation beats it on this generation's episodes; its cost is the one it had there.
 *
 * <p>Not thread-safe: one per job, on the job's thread.
 */
final class Search implements PopulationOptimizer {
    private final int population;
    private final double sigma;
    private double[] best;
    private double bestCost = Double.POSITIVE_INFINITY;
    private List<double[]> asked = List.of();

    Search(double[] start, int population, double sigma) {
        this.best = start.clone();
        this.population = population;
        this.sigma = sigma;
    }

    @Override
    public List<double[]> ask(int generation, long seed) {
        List<double[]> out = new ArrayList<>(population);
        out.add(best);
        for (int i = 1; i < population; i++) {
            SplittableRandom r = new SplittableRandom(Seeds.of(seed, i));
            double[] v = best.clone();
            for (int k = 0; k < v.length; k++) {
                v[k] += sigma * r.nextGaussian();
            }
            out.add(v);
        }
        asked = out;
        return out;
    }

    @Override
    public void tell(double[] costs) {
        int w = 0;
        for (int i = 1; i < costs.length; i++) {
            if (costs[i] < costs[w]) {
                w = i;
            }
        }
        best = asked.get(w);
        bestCost = costs[w];
    }

    @Override
    public double[] best() {
        return best.clone();
    }

    @Override
    public double bestCost() {
        return bestCost;
    }
}
