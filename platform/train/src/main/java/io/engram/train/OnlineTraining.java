package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Optimizer;
import io.engram.api.Schema;
import io.engram.api.StepwiseLoss;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training loop of on-line gradient trainers, which change the weights while a stream runs;
 * they differ only in the {@link OnlineMethod}.
 *
 * <p>Every training sequence is a stream that starts from the network's initial state. Per epoch
 * {@code e} (from 1) the streams run in the dataset's order (a continuing stream is not shuffled);
 * before each the cancellation flag is checked, and after each a {@link TrainingEvent.Progress}
 * carries its mean loss. At each update the method hands over its gradient sum, which is divided by
 * its number of step losses, checked for finiteness, clipped to the global norm {@code clip} and
 * applied by the optimizer at the scheduled learning rate of the epoch; the network's parameters are
 * replaced at once. The epoch's training loss is the mean of the step losses as they came, each under
 * the weights of its step; then the validation loss and the application's metrics on the validation
 * set are sent as {@link TrainingEvent.EpochEnd}. Training ends after {@code epochs} epochs, when
 * cancelled (the parameters stay), on a non-finite loss or gradient (the parameters go back to those
 * before the failing update; a failed result), or when {@code target.metric} reaches
 * {@code target.value} (as in {@link GradientTraining}).
 *
 * <p>Resuming: at each epoch end, before {@code EpochEnd}, the loop offers its state (the
 * {@link GradientState} of {@link GradientTraining}: optimizer moments and steps, losses, metrics) to
 * {@link TrainingContext#checkpoint}; given it back by {@link TrainingContext#resumeState()} with the
 * checkpoint's parameters in the network, it goes on with the next epoch and ends with the same
 * parameters, bit for bit, as a run never interrupted.
 *
 * <p>Only {@linkplain Network#trainable() trainable} parameters change. Runs on the caller's thread;
 * the per-step randomness of stream {@code i} in epoch {@code e} is seeded from the job's seed,
 * {@code e} and {@code i} alone, so a seed gives bit-identical results.
 */
public final class OnlineTraining {
    private static final Set<String> BATCH_ONLY = Set.of("batch.size", "patience", "validation.fraction");

    private OnlineTraining() {
    }

    /**
     * The hyperparameters the loop reads: those of {@link TrainingSchema#common()} but the batch size,
     * the patience and the validation fraction, which have no meaning for a stream.
     */
    public static Schema schema() {
        List<HyperParameter> kept = TrainingSchema.common().parameters().stream()
                .filter(p -> !BATCH_ONLY.contains(p.name())).toList();
        return Schema.of(kept);
    }

    /** Trains {@code context.network()} in place with {@code method}; the loss must be stepwise. */
    public static TrainingResult run(TrainingContext context, OnlineMethod method) {
        return new Run(context, method).train();
    }

    /** A failed update: the reason, and the parameters to go back to. */
    private static final class Diverged extends RuntimeException {
        private final transient Map<String, Tensor> good;

        Diverged(String reason, Map<String, Tensor> good) {
            super(reason, null, false, false);
            this.good = good;
        }
    }

    /** One job's run. */
    private static final class Run {
        private final TrainingContext context;
        private final OnlineMethod method;
        private final Network network;
        private final Ops ops;
        private final StepwiseLoss loss;
        private final int epochs;
        private final double clip;
        private final Optimizer optimizer;
        private final LearningRateSchedule schedule;
        private final String targetMetric;
        private final double targetValue;
        /** The loop has no early stopping; its state is saved as that of a patience of 0. */
        private final EarlyStopping noPatience = new EarlyStopping(0);

        Run(TrainingContext context, OnlineMethod method) {
            Hyperparameters h = context.hyper();
            this.context = context;
            this.method = method;
            this.network = context.network();
            this.ops = context.backend().ops();
            this.loss = Losses.stepwise(context.lossFunction(), "an on-line trainer");
            this.epochs = h.has("epochs") ? h.getInt("epochs") : 10;
            this.clip = h.has("clip") ? h.getDouble("clip") : 0.0;
            this.optimizer = Optimizers.of(h);
            this.schedule = LearningRateSchedule.of(h, epochs);
            this.targetMetric = h.has("target.metric") ? h.getString("target.metric").trim() : "";
            this.targetValue = h.has("target.value") ? h.getDouble("target.value") : 0.0;
        }

        TrainingResult train() {
            Dataset train = context.train();
            Dataset validation = context.validation();
            List<Batch> streams = train.batches(1);
            double trainLoss = Double.NaN;
            double validationLoss = Double.NaN;
            Map<String, Double> metrics = Map.of();
            String stop = "";
            int completed = 0;
            if (context.resumeState().isPresent()) {
                GradientState at;
                try {
                    at = GradientState.resume(context.resumeState().get(), context.seed(), optimizer, noPatience);
                } catch (IllegalArgumentException e) {
                    return GradientTraining.refuse(context, "cannot resume: " + e.getMessage());
                }
                completed = at.epoch();
                trainLoss = at.trainLoss();
                validationLoss = at.validationLoss();
                metrics = at.metrics();
                stop = at.stopReason();
                context.emit(new TrainingEvent.Message("info", "resuming after epoch " + completed));
            }
            for (int epoch = completed + 1; epoch <= epochs && stop.isEmpty(); epoch++) {
                double lr = schedule.rate(epoch - 1);
                double lossSum = 0.0;
                int targetSum = 0;
                for (int i = 0; i < streams.size(); i++) {
                    if (context.cancelled()) {
                        return end("cancelled", false, completed, trainLoss, validationLoss, metrics);
                    }
                    Batch stream = streams.get(i);
                    double streamLoss;
                    try {
                        streamLoss = method.run(ops, network, network.parameters(), stream, loss,
                                GradientTraining.batchSeed(context.seed(), epoch, i), (g, l, n) -> update(g, l, n, lr));
                    } catch (Diverged d) {
                        network.setParameters(d.good);
                        return end(d.getMessage() + " in epoch " + epoch + ", stream " + (i + 1), true, completed,
                                trainLoss, validationLoss, metrics);
                    }
                    int targets = loss.terms(stream);
                    lossSum += streamLoss;
                    targetSum += targets;
                    context.emit(new TrainingEvent.Progress(epoch, epochs, i + 1, streams.size(),
                            targets == 0 ? 0.0 : streamLoss / targets));
                }
                trainLoss = targetSum == 0 ? 0.0 : lossSum / targetSum;
                if (validation.size() > 0) {
                    validationLoss = datasetLoss(validation);
                    metrics = context.evaluate(validation);
                } else if (!targetMetric.isEmpty() && !targetMetric.equals("loss")) {
                    metrics = context.evaluate(train);
                }
                completed = epoch;
                stop = targetReached(trainLoss, validationLoss, metrics, validation.size() > 0);
                context.checkpoint(new GradientState(epoch, trainLoss, validationLoss, metrics, stop, false, null)
                        .save(context.seed(), optimizer, noPatience));
                context.emit(new TrainingEvent.EpochEnd(epoch, trainLoss, validationLoss, metrics));
            }
            return stop.isEmpty() ? new TrainingResult(result(trainLoss, validationLoss, metrics), completed, "", false)
                    : end(stop, false, completed, trainLoss, validationLoss, metrics);
        }

        private Map<String, Tensor> update(Map<String, Tensor> gradientSum, double lossSum, int targets, double lr) {
            Map<String, Tensor> params = network.parameters();
            if (targets == 0) {
                return params;
            }
            if (!Double.isFinite(lossSum)) {
                throw new Diverged("non-finite loss (" + lossSum + ")", params);
            }
            Map<String, Tensor> mean = new LinkedHashMap<>();
            gradientSum.forEach((name, g) -> mean.put(name, ops.scale(g, 1.0 / targets)));
            double norm = GradientClipping.globalNorm(ops, mean);
            if (!Double.isFinite(norm)) {
                throw new Diverged("non-finite gradient (norm " + norm + ")", params);
            }
            Map<String, Tensor> grads = GradientClipping.clip(ops, mean, norm, clip);
            network.setParameters(optimizer.step(ops, SequenceGradients.trainable(network, params), grads, lr));
            return network.parameters();
        }

        private double datasetLoss(Dataset data) {
            double sum = 0.0;
            int targets = 0;
            for (Batch b : data.batches(16)) {
                sum += SequenceGradients.lossSum(ops, network, network.parameters(), b, loss, false, 0L);
                targets += loss.terms(b);
            }
            return targets == 0 ? 0.0 : sum / targets;
        }

        private String targetReached(double trainLoss, double validationLoss, Map<String, Double> metrics,
                                     boolean validated) {
            if (targetMetric.isEmpty()) {
                return "";
            }
            Double value = metrics.get(targetMetric);
            if (value == null && targetMetric.equals("loss")) {
                value = validated ? validationLoss : trainLoss;
            }
            if (value == null) {
                return "";
            }
            boolean reached = GradientTraining.lowerIsBetter(targetMetric) ? value <= targetValue : value >= targetValue;
            return reached ? "target reached: " + targetMetric + " = " + value + " (target " + targetValue + ")" : "";
        }

        private TrainingResult end(String reason, boolean failure, int completed, double trainLoss,
                                   double validationLoss, Map<String, Double> metrics) {
            context.emit(new TrainingEvent.Stopped(reason, failure));
            return new TrainingResult(result(trainLoss, validationLoss, metrics), completed, reason, failure);
        }

        private static Map<String, Double> result(double trainLoss, double validationLoss, Map<String, Double> metrics) {
            Map<String, Double> out = new LinkedHashMap<>();
            if (!Double.isNaN(trainLoss)) {
                out.put("loss", trainLoss);
            }
            if (!Double.isNaN(validationLoss)) {
                out.put("validation.loss", validationLoss);
            }
            metrics.forEach(out::putIfAbsent);
            return out;
        }
    }
}
