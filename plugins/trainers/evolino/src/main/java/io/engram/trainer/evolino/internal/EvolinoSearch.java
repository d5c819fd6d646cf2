package io.engram.trainer.evolino.internal;

import io.engram.api.Batch;
import io.engram.api.LinearReadout;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.Seeds;
import io.engram.train.UnitGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Evolino job's generations. Generation {@code g} is seeded with {@code Seeds.of(seed, g)}: the
 * {@link Esp} search is asked for its networks (hidden weights; the readout's values are ignored),
 * the least-squares readout of each is fitted on the training data ({@link ReadoutFit}, on the job's
 * thread, in candidate order), then the networks with their readouts are scored by
 * {@link TrainingContext#populationLoss} in parallel and their losses told back as costs. The
 * network holds the best network seen (hidden weights with their fitted readout) after each
 * generation.
 *
 * <p>Stops after {@code generations}, once the best loss falls to {@code target.loss} (when above 0),
 * once {@code evaluations} networks were scored (when above 0), or when cancelled. Each generation
 * ends with an epoch-end event: training loss the best so far, validation loss that of the best
 * network (when there is validation data), metrics {@code loss.best}, {@code loss.mean},
 * {@code loss.worst} of the generation and {@code evaluations} (so far). The result's metrics are
 * {@code loss} and {@code evaluations}.
 *
 * <p>Lifecycle: one per job, made and run on the job's thread. Not thread-safe.
 */
final class EvolinoSearch {
    private final TrainingContext context;
    private final Esp.Settings settings;

    EvolinoSearch(TrainingContext context, Esp.Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    TrainingResult run() {
        Network network = context.network();
        java.util.Optional<LinearReadout> found = network.capability(LinearReadout.class);
        if (found.isEmpty()) {
            String why = "trainer 'evolino' needs a network with a linear readout (capability linear-readout); family '"
                    + network.spec().family() + "' has none";
            context.emit(new TrainingEvent.Stopped(why, true));
            return new TrainingResult(Map.of(), 0, why, true);
        }
        LinearReadout readout = found.get();
        ParameterVector layout = network.capability(ParameterVector.class).orElseGet(() -> ParameterVector.of(network));
        Ops ops = context.backend().ops();
        Set<String> excluded = new LinkedHashSet<>();
        excluded.add(readout.weights());
        readout.bias().ifPresent(excluded::add);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, Tensor> current = network.parameters();
        for (String name : layout.names()) {
            shapes.put(name, current.get(name).shape().toArray());
        }
        Esp esp = new Esp(layout.values(), UnitGroups.of(shapes, excluded), settings);
        List<Batch> batches = context.train().batches(context.hyper().getInt("batch.size"));
        double lambda = context.hyper().getDouble("ridge");
        int generations = context.hyper().getInt("generations");
        long maxEvaluations = context.hyper().getInt("evaluations");
        double targetLoss = context.hyper().getDouble("target.loss");
        double bestCost = Double.POSITIVE_INFINITY;
        Map<String, Tensor> best = null;
        long evaluations = 0;
        int completed = 0;
        String stop = "";
        for (int g = 1; g <= generations; g++) {
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            long seed = Seeds.of(context.seed(), g);
            List<double[]> asked = esp.ask(g, seed);
            List<Map<String, Tensor>> candidates = new ArrayList<>(asked.size());
            for (double[] hidden : asked) {
                Map<String, Tensor> candidate = layout.tensors(ops, hidden);
                Map<String, Tensor> all = new LinkedHashMap<>(current);
                all.putAll(candidate);
                candidate.putAll(ReadoutFit.fit(ops, readout, all, batches, lambda, network.spec().dtype()));
                candidates.add(candidate);
            }
            double[] losses = context.populationLoss(candidates, context.train(), seed);
            if (context.cancelled()) {
                stop = "cancelled";
                break;
            }
            double[] costs = new double[losses.length];
            for (int i = 0; i < costs.length; i++) {
                costs[i] = Double.isFinite(losses[i]) ? losses[i] : Double.POSITIVE_INFINITY;
                if (costs[i] < bestCost) {
                    bestCost = costs[i];
                    best = candidates.get(i);
                }
            }
            esp.tell(costs);
            evaluations += asked.size();
            completed = g;
            if (best != null) {
                network.setParameters(best);
            }
            context.emit(generationEnd(g, losses, bestCost, best, evaluations));
            if (targetLoss > 0 && bestCost <= targetLoss) {
                stop = String.format(Locale.ROOT, "target reached: loss %.6g <= %.6g", bestCost, targetLoss);
            } else if (maxEvaluations > 0 && evaluations >= maxEvaluations) {
                stop = "evaluation budget spent: " + evaluations + " evaluations";
            }
            if (!stop.isEmpty()) {
                break;
            }
        }
        if (!stop.isEmpty()) {
            context.emit(new TrainingEvent.Stopped(stop, false));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (Double.isFinite(bestCost)) {
            metrics.put("loss", bestCost);
        }
        metrics.put("evaluations", (double) evaluations);
        return new TrainingResult(metrics, completed, stop, false);
    }

    private TrainingEvent generationEnd(int g, double[] losses, double bestCost, Map<String, Tensor> best,
            long evaluations) {
        double[] finite = Arrays.stream(losses).filter(Double::isFinite).toArray();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss.best", finite.length == 0 ? Double.NaN : Arrays.stream(finite).min().getAsDouble());
        m.put("loss.mean", finite.length == 0 ? Double.NaN : Arrays.stream(finite).sum() / finite.length);
        m.put("loss.worst", finite.length == 0 ? Double.NaN : Arrays.stream(finite).max().getAsDouble());
        m.put("evaluations", (double) evaluations);
        double validation = context.validation().size() == 0 || best == null ? Double.NaN
                : context.populationLoss(List.of(best), context.validation(), 0L)[0];
        return new TrainingEvent.EpochEnd(g, bestCost, validation, m);
    }
}
