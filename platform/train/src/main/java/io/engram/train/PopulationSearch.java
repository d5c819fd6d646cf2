package io.engram.train;

import io.engram.api.HyperParameter;
import io.engram.api.ParameterVector;
import io.engram.api.Schema;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer around a {@link PopulationOptimizer}: one job's generations, each asked of the
 * optimiser, scored in parallel by the context ({@link TrainingContext#populationFitness} on an
 * environment, {@link TrainingContext#populationLoss} on the training data) and told back as costs
 * (the negated fitness, or the loss). Generation {@code g} is seeded with
 * {@code Seeds.of(seed, g)}, which seeds both the optimiser's draws and the candidates' episodes,
 * so a seed gives the same run whatever the number of workers.
 *
 * <p>The search moves the network's trainable parameters as its {@link ParameterVector} lays them
 * out (the family's, with its bounds, or {@link ParameterVector#of}); a candidate outside the
 * bounds is scored at the nearest point inside them. It stops after {@code generations}, once the
 * best fitness reaches {@code target.fitness} or the best loss falls to {@code target.loss} (each
 * when above 0), once {@code evaluations} evaluations have run (when above 0; an evaluation is one
 * episode on an environment, one pass over the training data on a dataset), or when the job is
 * cancelled; the network then holds the best point seen.
 *
 * <p>Each generation ends with an epoch-end event. On an environment its metrics are
 * {@code fitness} (the best so far), {@code fitness.best}, {@code fitness.mean} and
 * {@code fitness.worst} of the generation, and {@code evaluations} (so far); on a dataset the
 * event's training loss is the best so far, its validation loss that of the best point (when there
 * is validation data), and its metrics {@code loss.best}, {@code loss.mean}, {@code loss.worst} of
 * the generation and {@code evaluations}.
 *
 * <p>Lifecycle: one per job, made and run on the job's thread. Not thread-safe.
 */
public final class PopulationSearch {
    private final TrainingContext context;
    private final boolean environment;
    private final ParameterVector layout;
    private final Ops ops;
    private final int generations;
    private final int episodes;
    private final double targetFitness;
    private final double targetLoss;
    private final long maxEvaluations;
    private final double[] lower;
    private final double[] upper;

    /**
     * The hyperparameters every population trainer has: {@code generations} (default 100),
     * {@code episodes} (default 1), {@code target.fitness}, {@code target.loss} and
     * {@code evaluations}.
     */
    public static Schema schema() {
        return schema(100, 1);
    }

    /** {@link #schema()} with other defaults for {@code generations} and {@code episodes}. */
    public static Schema schema(int generations, int episodes) {
        return Schema.of(
                HyperParameter.integer("generations", generations, 1, 100_000_000, "Generations to run at most."),
                HyperParameter.integer("episodes", episodes, 1, 10_000,
                        "Environment: episodes per candidate, its fitness their mean."),
                HyperParameter.real("target.fitness", 0.0, 0.0, 1e300,
                        "Environment: stop once the best fitness reaches it; 0: never."),
                HyperParameter.real("target.loss", 0.0, 0.0, 1e300,
                        "Dataset: stop once the best training loss falls to it; 0: never."),
                HyperParameter.integer("evaluations", 0, 0, Integer.MAX_VALUE,
                        "Stop once this many evaluations (episodes, or passes over the training data) ran; 0: no limit."));
    }

    /** The search of {@code context}'s job, its settings read from {@code context.hyper()} (see {@link #schema()}). */
    public PopulationSearch(TrainingContext context) {
        this.context = context;
        this.environment = context.environment().isPresent();
        this.layout = context.network().capability(ParameterVector.class)
                .orElseGet(() -> ParameterVector.of(context.network()));
        this.ops = context.backend().ops();
        this.generations = context.hyper().getInt("generations");
        this.episodes = context.hyper().getInt("episodes");
        this.targetFitness = context.hyper().getDouble("target.fitness");
        this.targetLoss = context.hyper().getDouble("target.loss");
        this.maxEvaluations = context.hyper().getInt("evaluations");
        this.lower = layout.lower().orElse(null);
        this.upper = layout.upper().orElse(null);
    }

    /** The network's current trainable parameters, where the search starts. */
    public double[] start() {
        return layout.values();
    }

    /** The number of values a candidate has. */
    public int dimension() {
        return layout.size();
    }

    /** Lower bounds of the values, a new array; {@code -infinity} where unbounded. */
    public double[] lower() {
        return lower == null ? filled(Double.NEGATIVE_INFINITY) : lower.clone();
    }

    /** Upper bounds of the values, a new array; {@code +infinity} where unbounded. */
    public double[] upper() {
        return upper == null ? filled(Double.POSITIVE_INFINITY) : upper.clone();
    }

    /** Runs generations of {@code optimizer} until a stopping criterion holds; the network then holds its best point. */
    public TrainingResult run(PopulationOptimizer optimizer) {
        long evaluations = 0;
        int completed = 0;
        String stop = "";
        for (int g = 1; g <= generations; g++) {
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            long seed = Seeds.of(context.seed(), g);
            List<double[]> candidates = optimizer.ask(g, seed);
            double[] scores = score(candidates, seed);
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            optimizer.tell(costs(scores));
            evaluations += (long) candidates.size() * (environment ? episodes : 1);
            completed = g;
            layout.write(ops, inside(optimizer.best()));
            context.emit(generationEnd(g, scores, optimizer, evaluations));
            stop = reached(optimizer.bestCost(), evaluations);
            if (!stop.isEmpty()) {
                break;
            }
        }
        if (!stop.isEmpty()) {
            context.emit(new TrainingEvent.Stopped(stop, false));
        }
        return new TrainingResult(metrics(optimizer.bestCost(), evaluations), completed, stop,
                false);
    }

    private double[] score(List<double[]> candidates, long seed) {
        List<Map<String, Tensor>> params = new ArrayList<>(candidates.size());
        for (double[] c : candidates) {
            params.add(layout.tensors(ops, inside(c)));
        }
        return environment ? context.populationFitness(params, seed, episodes)
                : context.populationLoss(params, context.train(), seed);
    }

    /** Costs to minimise: the loss or the negated fitness, +infinity where not finite. */
    private double[] costs(double[] scores) {
        double[] c = new double[scores.length];
        for (int i = 0; i < c.length; i++) {
            double v = environment ? -scores[i] : scores[i];
            c[i] = Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        }
        return c;
    }

    private String reached(double bestCost, long evaluations) {
        if (environment && targetFitness > 0 && -bestCost >= targetFitness) {
            return String.format(Locale.ROOT, "target reached: fitness %.6g >= %.6g", -bestCost, targetFitness);
        }
        if (!environment && targetLoss > 0 && bestCost <= targetLoss) {
            return String.format(Locale.ROOT, "target reached: loss %.6g <= %.6g", bestCost, targetLoss);
        }
        if (maxEvaluations > 0 && evaluations >= maxEvaluations) {
            return "evaluation budget spent: " + evaluations + " evaluations";
        }
        return "";
    }

    private TrainingEvent generationEnd(int g, double[] scores, PopulationOptimizer optimizer, long evaluations) {
        double[] finite = Arrays.stream(scores).filter(Double::isFinite).toArray();
        double best = environment ? max(finite) : min(finite);
        double worst = environment ? min(finite) : max(finite);
        double mean = finite.length == 0 ? Double.NaN : Arrays.stream(finite).sum() / finite.length;
        Map<String, Double> m = new LinkedHashMap<>();
        String name = environment ? "fitness" : "loss";
        if (environment) {
            m.put("fitness", -optimizer.bestCost());
        }
        m.put(name + ".best", best);
        m.put(name + ".mean", mean);
        m.put(name + ".worst", worst);
        m.put("evaluations", (double) evaluations);
        if (environment) {
            return new TrainingEvent.EpochEnd(g, Double.NaN, Double.NaN, m);
        }
        double validation = context.validation().size() == 0 ? Double.NaN
                : context.populationLoss(List.of(layout.tensors(ops, inside(optimizer.best()))), context.validation(), 0L)[0];
        return new TrainingEvent.EpochEnd(g, optimizer.bestCost(), validation, m);
    }

    private Map<String, Double> metrics(double bestCost, long evaluations) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Double.isFinite(bestCost)) {
            out.put(environment ? "fitness" : "loss", environment ? -bestCost : bestCost);
        }
        out.put("evaluations", (double) evaluations);
        return out;
    }

    /** {@code point} clamped to the bounds (itself when unbounded). */
    private double[] inside(double[] point) {
        if (lower == null && upper == null) {
            return point;
        }
        double[] p = point.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(lower == null ? p[i] : lower[i], Math.min(upper == null ? p[i] : upper[i], p[i]));
        }
        return p;
    }

    private double[] filled(double v) {
        double[] a = new double[layout.size()];
        Arrays.fill(a, v);
        return a;
    }

    private static double max(double[] a) {
        return a.length == 0 ? Double.NaN : Arrays.stream(a).max().getAsDouble();
    }

    private static double min(double[] a) {
        return a.length == 0 ? Double.NaN : Arrays.stream(a).min().getAsDouble();
    }
}
