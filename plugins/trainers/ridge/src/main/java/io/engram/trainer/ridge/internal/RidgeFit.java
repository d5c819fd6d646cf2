package io.engram.trainer.ridge.internal;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.LinearReadout;
import io.engram.api.Network;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job's ridge fit (see {@link RidgeTrainer}): gathers the Gram sums of the training rows (and
 * of the validation rows), picks the ridge with the lowest validation error, solves once more on
 * all training rows with it and writes the readout. One epoch: a progress event per batch of
 * features, then an epoch-end event with the training and validation mean squared errors and the
 * chosen {@code ridge} among its metrics. Cancellation is checked before each batch; a cancelled or
 * refused fit leaves the parameters as they were. Not thread-safe: one per job, on its thread.
 */
final class RidgeFit {
    private final TrainingContext context;
    private final List<Double> ridges;
    private final int washout;
    private final int batchSize;
    private final double fraction;
    /** The backend's ops for the solver's f64 products when it offers f64, else null (set by {@link #run}). */
    private Ops f64Ops;

    RidgeFit(TrainingContext context, List<Double> ridges) {
        this.context = context;
        this.ridges = ridges;
        this.washout = context.hyper().getInt("washout");
        this.batchSize = context.hyper().getInt("batch.size");
        this.fraction = context.hyper().getDouble("validation.fraction");
    }

    TrainingResult run() {
        Network network = context.network();
        LinearReadout readout = network.capability(LinearReadout.class).orElseThrow(() -> new IllegalStateException(
                "ridge: the network offers no linear readout"));
        Ops ops = context.backend().ops();
        boolean deviceF64 = context.backend().dtypes().contains(DType.F64);
        f64Ops = deviceF64 ? ops : null;
        FeatureRows rows = new FeatureRows(ops, deviceF64, readout, washout);
        boolean choose = ridges.size() > 1;
        boolean separate = choose && context.validation().size() > 0;
        double tail = choose && !separate ? fraction : 0;
        List<Batch> train = context.train().batches(batchSize);
        List<Batch> validation = separate ? context.validation().batches(batchSize) : List.of();
        int total = train.size() + validation.size();
        Gram fit = new Gram(rows.width(), readout.outputs());
        Gram held = new Gram(rows.width(), readout.outputs());
        Gram unused = new Gram(rows.width(), readout.outputs());
        Map<String, Tensor> params = network.parameters();
        int done = 0;
        for (Batch b : train) {
            if (context.cancelled()) {
                return stop("cancelled", false);
            }
            double loss = rows.add(params, b, tail, fit, held);
            context.emit(new TrainingEvent.Progress(1, 1, ++done, total, loss));
        }
        for (Batch b : validation) {
            if (context.cancelled()) {
                return stop("cancelled", false);
            }
            double loss = rows.add(params, b, 0, held, unused);
            context.emit(new TrainingEvent.Progress(1, 1, ++done, total, loss));
        }
        if (fit.rows == 0) {
            return stop("trainer.washout: no training rows are left after a washout of " + washout
                    + " steps (the longest training sequence has " + longest(context.train()) + ")", true);
        }
        if (choose && held.rows == 0) {
            return stop("trainer.ridge: choosing among " + ridges.size() + " values needs validation rows, but the task "
                    + "has no validation data and trainer.validation.fraction leaves none", true);
        }
        return finish(network, readout, ops, choose ? pick(fit, held, readout) : ridges.get(0), fit, held, separate,
                rows.shift());
    }

    /** The ridge whose fit on {@code fit} has the lowest error on {@code held}; the first among equals. */
    private double pick(Gram fit, Gram held, LinearReadout readout) {
        int bias = biasIndex(readout);
        double best = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        for (double lambda : ridges) {
            Optional<double[]> w = Cholesky.solve(f64Ops, fit, lambda, bias);
            if (w.isPresent()) {
                double e = held.squaredError(w.get());
                context.emit(new TrainingEvent.Message("info", String.format(
                        "ridge %g: validation mse %.6g", lambda, e / (held.rows * (double) held.outputs))));
                if (e < bestError) {
                    bestError = e;
                    best = lambda;
                }
            }
        }
        return Double.isNaN(best) ? ridges.get(0) : best;
    }

    private TrainingResult finish(Network network, LinearReadout readout, Ops ops, double chosen, Gram fit, Gram held,
                                  boolean separate, double[] shift) {
        double lambda = chosen;
        Gram all = fit;
        if (!separate && held.rows > 0) {
            all = new Gram(fit.n, fit.outputs);
            all.add(fit);
            all.add(held);
        }
        Optional<double[]> solved = Cholesky.solve(f64Ops, all, lambda, biasIndex(readout));
        for (double larger : ridges.stream().filter(r -> r > chosen).sorted().toList()) {
            if (solved.isPresent()) {
                break;
            }
            context.emit(new TrainingEvent.Message("warning", String.format("ridge %g: the Gram matrix of all training "
                    + "rows plus it is not positive definite; taking the next larger ridge, %g", lambda, larger)));
            lambda = larger;
            solved = Cholesky.solve(f64Ops, all, lambda, biasIndex(readout));
        }
        if (solved.isEmpty()) {
            return stop("trainer.ridge: the features' Gram matrix plus ridge " + lambda + " is not positive definite "
                    + "(features that are constant or repeat each other); give a larger ridge", true);
        }
        double[] w = solved.get();
        write(network, readout, ops, unshift(w, shift, readout));
        double trainLoss = all.squaredError(w) / (all.rows * (double) all.outputs);
        double validationLoss = separate ? held.squaredError(w) / (held.rows * (double) held.outputs) : Double.NaN;
        context.emit(new TrainingEvent.EpochEnd(1, trainLoss, validationLoss, Map.of("ridge", lambda)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", trainLoss);
        metrics.put("ridge", lambda);
        if (separate) {
            metrics.put("validation.loss", validationLoss);
        }
        return new TrainingResult(metrics, 1, "", false);
    }

    /** {@code w} with {@code shift W} taken off its bias rows (the rows were fitted less {@code shift}). */
    private static double[] unshift(double[] w, double[] shift, LinearReadout readout) {
        if (readout.bias().isEmpty()) {
            return w;
        }
        int f = readout.features();
        int out = readout.outputs();
        double[] u = w.clone();
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int i = 0; i < f; i++) {
                s += shift[i] * w[i * out + o];
            }
            u[f * out + o] -= s;
        }
        return u;
    }

    /** Writes {@code w}, the design rows' weights (the bias last), as the readout's weights and bias. */
    private static void write(Network network, LinearReadout readout, Ops ops, double[] w) {
        int f = readout.features();
        int out = readout.outputs();
        DType dtype = network.parameters().get(readout.weights()).dtype();
        Map<String, Tensor> update = new LinkedHashMap<>();
        double[] weights = new double[f * out];
        System.arraycopy(w, 0, weights, 0, f * out);
        update.put(readout.weights(), ops.fromArray(dtype, Shape.of(f, out), weights));
        readout.bias().ifPresent(name -> {
            double[] b = new double[out];
            System.arraycopy(w, f * out, b, 0, out);
            update.put(name, ops.fromArray(dtype, Shape.of(out), b));
        });
        network.setParameters(update);
    }

    private static int biasIndex(LinearReadout readout) {
        return readout.bias().isPresent() ? readout.features() : -1;
    }

    private TrainingResult stop(String reason, boolean failure) {
        context.emit(new TrainingEvent.Stopped(reason, failure));
        return new TrainingResult(Map.of(), 0, reason, failure);
    }

    private static int longest(Dataset data) {
        int max = 0;
        for (int i = 0; i < data.size(); i++) {
            max = Math.max(max, data.get(i).length());
        }
        return max;
    }
}
