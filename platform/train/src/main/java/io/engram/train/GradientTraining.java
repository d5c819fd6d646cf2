package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.Optimizer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mini-batch training loop that gradient trainers share; they differ only in the
 * {@link GradientMethod}.
 *
 * <p>Reads the hyperparameters of {@link TrainingSchema#common()} from {@code context.hyper()}.
 * Per epoch {@code e} (from 1): the training set is shuffled with a seed drawn from
 * {@code (seed, e)} and cut into padded batches (with {@code batch.by.length}, batches of similar
 * length in an order drawn from that seed: {@link LengthBatches}); for each batch the cancellation flag is checked,
 * loss and gradients are computed, their finiteness checked, the gradients clipped to the global
 * norm {@code clip}, and one optimizer step taken at the scheduled learning rate, after which the
 * network's parameters are replaced and a {@link TrainingEvent.Progress} emitted. At the end of
 * the epoch the validation loss and the application's metrics on the validation set are computed
 * and sent as {@link TrainingEvent.EpochEnd}. Training ends after {@code epochs} epochs, or early:
 * <ul>
 *   <li>cancelled: the current parameters stay; {@code Stopped("cancelled", false)};</li>
 *   <li>a non-finite loss or gradient: the parameters go back to the last ones that gave a finite
 *   loss and gradient (so no checkpoint is written from poisoned ones), and
 *   {@code Stopped(reason, true)}; the result has {@code failed = true};</li>
 *   <li>no lower validation loss for {@code patience} epochs: the best parameters are restored;</li>
 *   <li>{@code target.metric} reached {@code target.value}.</li>
 * </ul>
 * With {@code patience > 0} and a validation set, the parameters of the epoch with the lowest
 * validation loss are restored at the end, unless training failed or stopped on its target. The
 * metrics come from the validation set; without one they are computed on the training set only
 * when {@code target.metric} names an application metric. {@code target.metric = loss} means the
 * validation loss, or the training loss without validation data. Epochs and batches in events
 * count from 1.
 *
 * <p>Only the network's {@linkplain Network#trainable() trainable} parameters get gradients and
 * optimizer steps; the others stay bit-identical.
 *
 * <p>When the context offers {@link ShardedGradients} ({@code context.facility}), each batch's loss
 * and gradients come from them (the job runs on a cluster) and the rest of the loop stays here.
 *
 * <p>Without a validation set from the task and with {@code validation.fraction > 0}, that
 * fraction of the training set is split off (seeded). Runs on the caller's thread.
 *
 * <p>Resuming: at each epoch end, before {@code EpochEnd}, the loop offers its state
 * ({@link GradientState}: optimizer moments and steps, early-stopping state, losses, metrics) to
 * {@link TrainingContext#checkpoint}; given that state back by {@link TrainingContext#resumeState()}
 * with the checkpoint's parameters in the network, it continues with the next epoch and ends with
 * the same parameters, bit for bit, as a run that was never interrupted.
 */
public final class GradientTraining {
    private static final long EPOCH_SALT = 0x5DEECE66DL;

    private GradientTraining() {
    }

    /** Trains {@code context.network()} in place with gradients from {@code method}. */
    public static TrainingResult run(TrainingContext context, GradientMethod method) {
        return new Run(context, method).train();
    }

    /**
     * Ends a job before its first epoch, for settings a trainer cannot honour: emits
     * {@code Stopped(reason, true)} and returns a failed result with no metrics and no epochs.
     */
    public static TrainingResult refuse(TrainingContext context, String reason) {
        context.emit(new TrainingEvent.Stopped(reason, true));
        return new TrainingResult(Map.of(), 0, reason, true);
    }

    /** The seed of epoch {@code epoch}'s shuffle. */
    static long epochSeed(long seed, int epoch) {
        return mix(seed ^ (EPOCH_SALT * epoch));
    }

    /** The seed of the step randomness of batch {@code index} in {@code epoch}. */
    static long batchSeed(long seed, int epoch, int index) {
        return mix(epochSeed(seed, epoch) + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code data} cut into consecutive groups of at most {@code size} sequences, the last one shorter. */
    static List<Dataset> consecutive(Dataset data, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + size);
        }
        List<Dataset> out = new java.util.ArrayList<>();
        for (int from = 0; from < data.size(); from += size) {
            out.add(data.subset(from, Math.min(data.size(), from + size)));
        }
        return out;
    }

    /** Whether a metric improves downwards: losses, errors and distortions (mel-cepstral distortion, {@code mcd}). */
    static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.contains("loss") || m.contains("mae") || m.contains("mse") || m.contains("error")
                || m.contains("perplexity") || m.contains("mcd");
    }

    /** One job's run: the per-job state of the loop. */
    private static final class Run {
        private final TrainingContext context;
        private final GradientMethod method;
        private final Hyperparameters h;
        private final Network network;
        private final Ops ops;
        private final Loss loss;
        private final int epochs;
        private final int batchSize;
        private final boolean byLength;
        private final double clip;
        private final Optimizer optimizer;
        private final LearningRateSchedule schedule;
        private final EarlyStopping earlyStopping;
        private final String targetMetric;
        private final double targetValue;
        private final Dataset train;
        private final Dataset validation;
        private final java.util.Optional<ShardedGradients> sharded;
        /** The parameters of the last batch that gave a finite loss and gradient. */
        private Map<String, Tensor> lastGood;

        Run(TrainingContext context, GradientMethod method) {
            this.context = context;
            this.method = method;
            this.h = context.hyper();
            this.network = context.network();
            this.ops = context.backend().ops();
            this.loss = context.lossFunction();
            this.epochs = intOr("epochs", 10);
            this.batchSize = intOr("batch.size", 16);
            this.byLength = h.has("batch.by.length") && h.getBoolean("batch.by.length");
            this.clip = doubleOr("clip", 0.0);
            this.optimizer = Optimizers.of(h);
            this.schedule = LearningRateSchedule.of(h, epochs);
            this.earlyStopping = new EarlyStopping(intOr("patience", 0));
            this.targetMetric = h.has("target.metric") ? h.getString("target.metric").trim() : "";
            this.targetValue = doubleOr("target.value", 0.0);
            this.sharded = context.facility(ShardedGradients.class);
            double fraction = doubleOr("validation.fraction", 0.0);
            Dataset given = context.validation();
            if (given.size() == 0 && fraction > 0 && context.train().size() > 1) {
                List<Dataset> parts = context.train().split(fraction, context.seed());
                this.train = parts.get(0);
                this.validation = parts.get(1);
            } else {
                this.train = context.train();
                this.validation = given;
            }
        }

        TrainingResult train() {
            Map<String, Tensor> params = network.parameters();
            double trainLoss = Double.NaN;
            double validationLoss = Double.NaN;
            Map<String, Double> metrics = Map.of();
            int completed = 0;
            String stopReason = "";
            boolean earlyStopped = false;
            if (earlyStopping.patience() > 0 && validation.size() == 0) {
                context.emit(new TrainingEvent.Message("warning", "patience is set but there is no validation data "
                        + "(give the task validation data or set validation.fraction): early stopping is off"));
            }
            int first = 1;
            if (context.resumeState().isPresent()) {
                GradientState at;
                try {
                    at = GradientState.resume(context.resumeState().get(), context.seed(), optimizer, earlyStopping);
                } catch (IllegalArgumentException e) {
                    return refuse(context, "cannot resume: " + e.getMessage());
                }
                params = network.parameters();
                lastGood = at.lastGood();
                completed = at.epoch();
                trainLoss = at.trainLoss();
                validationLoss = at.validationLoss();
                metrics = at.metrics();
                stopReason = at.stopReason();
                earlyStopped = at.earlyStopped();
                first = completed + 1;
                context.emit(new TrainingEvent.Message("info", "resuming after epoch " + completed));
            }
            for (int epoch = first; epoch <= epochs && stopReason.isEmpty(); epoch++) {
                double lr = schedule.rate(epoch - 1);
                List<Dataset> batches = byLength ? LengthBatches.groups(train, batchSize, epochSeed(context.seed(), epoch))
                        : consecutive(train.shuffled(epochSeed(context.seed(), epoch)), batchSize);
                double lossSum = 0.0;
                int targetSum = 0;
                for (int i = 0; i < batches.size(); i++) {
                    if (context.cancelled()) {
                        return stop("cancelled", false, completed, trainLoss, validationLoss, metrics);
                    }
                    LossAndGradients r = gradients(params, batches.get(i), batchSeed(context.seed(), epoch, i));
                    if (!Double.isFinite(r.loss())) {
                        return fail("non-finite loss (" + r.loss() + ") in epoch " + epoch + ", batch " + (i + 1),
                                lastGood, completed, trainLoss, validationLoss, metrics);
                    }
                    double norm = GradientClipping.globalNorm(ops, r.gradients());
                    if (!Double.isFinite(norm)) {
                        return fail("non-finite gradient (norm " + norm + ") in epoch " + epoch + ", batch " + (i + 1),
                                lastGood, completed, trainLoss, validationLoss, metrics);
                    }
                    Map<String, Tensor> grads = GradientClipping.clip(ops, r.gradients(), norm, clip);
                    Map<String, Tensor> previous = params;
                    params = optimizer.step(ops, SequenceGradients.trainable(network, params), grads, lr);
                    network.setParameters(params);
                    params = network.parameters();
                    lossSum += r.loss() * r.targets();
                    targetSum += r.targets();
                    context.emit(new TrainingEvent.Progress(epoch, epochs, i + 1, batches.size(), r.loss()));
                    lastGood = previous;
                }
                trainLoss = targetSum == 0 ? 0.0 : lossSum / targetSum;
                if (validation.size() > 0) {
                    validationLoss = datasetLoss(validation, params);
                    if (!Double.isFinite(validationLoss)) {
                        return fail("non-finite validation loss (" + validationLoss + ") after epoch " + epoch,
                                lastGood, completed, trainLoss, validationLoss, metrics);
                    }
                    metrics = context.evaluate(validation);
                } else if (!targetMetric.isEmpty() && !targetMetric.equals("loss")) {
                    metrics = context.evaluate(train);
                }
                completed = epoch;
                if (validation.size() > 0 && earlyStopping.update(epoch, validationLoss, params)) {
                    stopReason = String.format(Locale.ROOT,
                            "early stopping: no lower validation loss for %d epochs (best %.6g after epoch %d)",
                            earlyStopping.patience(), earlyStopping.bestLoss(), earlyStopping.bestEpoch());
                    earlyStopped = true;
                } else {
                    stopReason = targetReached(trainLoss, validationLoss, metrics);
                }
                context.checkpoint(new GradientState(epoch, trainLoss, validationLoss, metrics, stopReason,
                        earlyStopped, lastGood).save(context.seed(), optimizer, earlyStopping));
                context.emit(new TrainingEvent.EpochEnd(epoch, trainLoss, validationLoss, metrics));
            }
            if ((stopReason.isEmpty() || earlyStopped) && earlyStopping.patience() > 0 && earlyStopping.bestEpoch() > 0
                    && earlyStopping.bestEpoch() != completed) {
                network.setParameters(earlyStopping.bestParameters().orElseThrow());
                params = network.parameters();
                validationLoss = datasetLoss(validation, params);
                metrics = context.evaluate(validation);
                context.emit(new TrainingEvent.Message("info", "restored the parameters of epoch "
                        + earlyStopping.bestEpoch() + " (validation loss " + validationLoss + ")"));
            }
            if (!stopReason.isEmpty()) {
                context.emit(new TrainingEvent.Stopped(stopReason, false));
            }
            return new TrainingResult(resultMetrics(trainLoss, validationLoss, metrics), completed, stopReason, false);
        }

        /** Loss and gradients of one batch: by the context's sharded gradients when it offers them, else here. */
        private LossAndGradients gradients(Map<String, Tensor> params, Dataset batch, long seed) {
            return sharded.isPresent() ? sharded.get().compute(params, batch.sequences(), seed)
                    : method.compute(ops, network, params, batch.batches(batchSize).get(0), loss, seed);
        }

        private String targetReached(double trainLoss, double validationLoss, Map<String, Double> metrics) {
            if (targetMetric.isEmpty()) {
                return "";
            }
            Double value = metrics.get(targetMetric);
            if (value == null && targetMetric.equals("loss")) {
                value = validation.size() > 0 ? validationLoss : trainLoss;
            }
            if (value == null) {
                return "";
            }
            boolean reached = lowerIsBetter(targetMetric) ? value <= targetValue : value >= targetValue;
            return reached ? "target reached: " + targetMetric + " = " + value + " (target " + targetValue + ")" : "";
        }

        private double datasetLoss(Dataset data, Map<String, Tensor> params) {
            double sum = 0.0;
            int targets = 0;
            for (Batch b : byLength ? LengthBatches.sorted(data, batchSize) : data.batches(batchSize)) {
                sum += SequenceGradients.lossSum(ops, network, params, b, loss, false, 0L);
                targets += SequenceGradients.terms(network, b, loss);
            }
            return targets == 0 ? 0.0 : sum / targets;
        }

        private TrainingResult fail(String reason, Map<String, Tensor> good, int completed, double trainLoss,
                                    double validationLoss, Map<String, Double> metrics) {
            if (good != null) {
                network.setParameters(good);
            }
            context.emit(new TrainingEvent.Stopped(reason, true));
            return new TrainingResult(resultMetrics(trainLoss, validationLoss, metrics), completed, reason, true);
        }

        private TrainingResult stop(String reason, boolean failure, int completed, double trainLoss,
                                    double validationLoss, Map<String, Double> metrics) {
            context.emit(new TrainingEvent.Stopped(reason, failure));
            return new TrainingResult(resultMetrics(trainLoss, validationLoss, metrics), completed, reason, failure);
        }

        private Map<String, Double> resultMetrics(double trainLoss, double validationLoss, Map<String, Double> metrics) {
            Map<String, Double> out = new LinkedHashMap<>();
            if (!Double.isNaN(trainLoss)) {
                out.put("loss", trainLoss);
            }
            if (!Double.isNaN(validationLoss)) {
                out.put("validation.loss", validationLoss);
            }
            metrics.forEach((k, v) -> out.putIfAbsent(k, v));
            return out;
        }

        private int intOr(String key, int dflt) {
            return h.has(key) ? h.getInt(key) : dflt;
        }

        private double doubleOr(String key, double dflt) {
            return h.has(key) ? h.getDouble(key) : dflt;
        }
    }
}
