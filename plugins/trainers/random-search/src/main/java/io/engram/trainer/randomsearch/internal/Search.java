package io.engram.trainer.randomsearch.internal;

import io.engram.api.ParameterVector;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One job's random search. Generation {@code g} has the seed {@code Seeds.of(seed, g)}; its
 * candidate 0 is the best parameters so far and candidate {@code i > 0} adds to each of them
 * {@code sigma} times a standard normal number drawn from {@code Seeds.of(generation seed, i)}. All
 * candidates are scored on the same seeds (the context seeds candidate {@code i}'s episodes from the
 * generation seed and {@code i}), and the best score wins, the lowest index among equals, so the best
 * so far is kept unless a perturbation beats it. Scores are fitness (higher is better) on an
 * environment and the training loss (lower is better) on a dataset. The search moves the network's
 * trainable parameters, laid out by {@link ParameterVector#of}; the others stay as they are.
 *
 * <p>Each generation ends with an epoch-end event: on an environment {@code fitness} (the winner's)
 * and {@code fitness.mean} (the population's) with no loss; on a dataset the winner's training
 * loss and its validation loss. Cancellation is checked before each generation and, by the
 * context, before each candidate. Not thread-safe: one per job, on the job's thread.
 */
final class Search {
    private final TrainingContext context;
    private final boolean environment;
    private final int generations;
    private final int population;
    private final double sigma;
    private final int episodes;
    private final double target;
    private final ParameterVector layout;
    private final Ops ops;

    Search(TrainingContext context) {
        this.context = context;
        this.environment = context.environment().isPresent();
        this.generations = context.hyper().getInt("generations");
        this.population = context.hyper().getInt("population");
        this.sigma = context.hyper().getDouble("sigma");
        this.episodes = context.hyper().getInt("episodes");
        this.target = context.hyper().getDouble("target.fitness");
        this.layout = ParameterVector.of(context.network());
        this.ops = context.backend().ops();
    }

    TrainingResult run() {
        double[] best = layout.values();
        double bestScore = Double.NaN;
        int completed = 0;
        String stop = "";
        for (int g = 1; g <= generations; g++) {
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            long seed = Seeds.of(context.seed(), g);
            List<double[]> vectors = candidates(best, seed);
            double[] scores = score(vectors, seed);
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            int winner = winner(scores);
            best = vectors.get(winner);
            bestScore = scores[winner];
            completed = g;
            layout.write(ops, best);
            context.emit(epochEnd(g, scores, winner, best));
            if (environment && target > 0 && bestScore >= target) {
                stop = "target reached: fitness " + bestScore + " >= " + target;
                break;
            }
        }
        if (!stop.isEmpty()) {
            context.emit(new TrainingEvent.Stopped(stop, false));
        }
        return new TrainingResult(metrics(bestScore), completed, stop, false);
    }

    private List<double[]> candidates(double[] best, long seed) {
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
        return out;
    }

    private double[] score(List<double[]> vectors, long seed) {
        List<Map<String, Tensor>> params = new ArrayList<>(vectors.size());
        for (double[] v : vectors) {
            params.add(layout.tensors(ops, v));
        }
        return environment ? context.populationFitness(params, seed, episodes)
                : context.populationLoss(params, context.train(), seed);
    }

    /** The index of the best score, the lowest among equals; NaN scores never win over a number. */
    private int winner(double[] scores) {
        int w = 0;
        for (int i = 1; i < scores.length; i++) {
            boolean better = Double.isNaN(scores[w]) ? !Double.isNaN(scores[i])
                    : environment ? scores[i] > scores[w] : scores[i] < scores[w];
            if (better) {
                w = i;
            }
        }
        return w;
    }

    private TrainingEvent epochEnd(int g, double[] scores, int winner, double[] best) {
        if (environment) {
            double mean = 0;
            for (double s : scores) {
                mean += s;
            }
            return new TrainingEvent.EpochEnd(g, Double.NaN, Double.NaN,
                    Map.of("fitness", scores[winner], "fitness.mean", mean / scores.length));
        }
        double validation = context.validation().size() == 0 ? Double.NaN
                : context.populationLoss(List.of(layout.tensors(ops, best)), context.validation(), 0L)[0];
        return new TrainingEvent.EpochEnd(g, scores[winner], validation, Map.of());
    }

    private Map<String, Double> metrics(double bestScore) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Double.isNaN(bestScore)) {
            out.put(environment ? "fitness" : "loss", bestScore);
        }
        return out;
    }
}
