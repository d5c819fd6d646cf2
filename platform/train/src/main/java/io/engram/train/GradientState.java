package io.engram.train;

import io.engram.api.Optimizer;
import io.engram.api.TrainerState;
import io.engram.tensor.Tensor;
import io.engram.train.internal.OptimizerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link TrainerState} of {@link GradientTraining} at the end of an epoch, and back: the seed,
 * the epoch, the optimizer's id, step count and moments, the early-stopping counters and best
 * parameters, the parameters of the last good step, the epoch's losses and metrics, and why
 * training stopped if it did. The learning-rate schedule is a function of the epoch and the
 * shuffles and per-step randomness are drawn from {@code (seed, epoch, batch)}, so these are all a
 * run needs to continue bit for bit. Immutable value plus stateless conversions; thread-safe.
 *
 * @param epoch          the last completed epoch, from 1
 * @param trainLoss      its training loss (NaN when none)
 * @param validationLoss its validation loss (NaN when none)
 * @param metrics        its application metrics
 * @param stopReason     why training stopped after it; empty when it goes on
 * @param earlyStopped   whether it stopped on patience
 * @param lastGood       the parameters before its last step, null when none
 */
record GradientState(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics,
                     String stopReason, boolean earlyStopped, Map<String, Tensor> lastGood) {
    /** The trainer id in the states this class writes. */
    static final String KIND = "gradient-training";
    private static final String METRIC = "metric.";
    private static final String MOMENT = "optimizer.";
    private static final String BEST = "best.";
    private static final String LAST_GOOD = "last.";

    /** The state to checkpoint. */
    TrainerState save(long seed, Optimizer optimizer, EarlyStopping early) {
        Map<String, Long> integers = new LinkedHashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        integers.put("seed", seed);
        integers.put("epoch", (long) epoch);
        numbers.put("loss.train", trainLoss);
        numbers.put("loss.validation", validationLoss);
        metrics.forEach((k, v) -> numbers.put(METRIC + k, v));
        texts.put("stop", stopReason);
        texts.put("stop.early", Boolean.toString(earlyStopped));
        texts.put("optimizer", optimizer.id());
        if (optimizer instanceof OptimizerState o) {
            integers.put("optimizer.steps", o.steps());
            o.moments().forEach((k, t) -> tensors.put(MOMENT + k, t));
        }
        integers.put("early.best.epoch", (long) early.bestEpoch());
        integers.put("early.since", (long) early.epochsWithoutImprovement());
        numbers.put("early.best.loss", early.bestLoss());
        if (early.patience() > 0) {
            early.bestParameters().ifPresent(best -> best.forEach((k, t) -> tensors.put(BEST + k, t)));
        }
        if (lastGood != null) {
            lastGood.forEach((k, t) -> tensors.put(LAST_GOOD + k, t));
        }
        return new TrainerState(KIND, integers, numbers, texts, tensors);
    }

    /**
     * Sets {@code optimizer} and {@code early} as they were when {@code state} was saved and returns
     * the epoch's values.
     *
     * @throws IllegalArgumentException naming what does not match this run (another trainer, seed
     *                                  or optimizer) or what is missing
     */
    static GradientState resume(TrainerState state, long seed, Optimizer optimizer, EarlyStopping early) {
        if (!state.trainer().equals(KIND)) {
            throw new IllegalArgumentException("the trainer state was written by '" + state.trainer() + "', not by '"
                    + KIND + "'");
        }
        if (state.integer("seed", ~seed) != seed) {
            throw new IllegalArgumentException("the trainer state was written with seed " + state.integers().get("seed")
                    + ", this job's seed is " + seed);
        }
        if (!optimizer.id().equals(state.texts().get("optimizer"))) {
            throw new IllegalArgumentException("the trainer state is of optimizer '" + state.texts().get("optimizer")
                    + "', this job's is '" + optimizer.id() + "'");
        }
        Map<String, Tensor> moments = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        Map<String, Tensor> last = new LinkedHashMap<>();
        state.tensors().forEach((k, t) -> {
            if (k.startsWith(MOMENT)) {
                moments.put(k.substring(MOMENT.length()), t);
            } else if (k.startsWith(BEST)) {
                best.put(k.substring(BEST.length()), t);
            } else if (k.startsWith(LAST_GOOD)) {
                last.put(k.substring(LAST_GOOD.length()), t);
            } else {
                throw new IllegalArgumentException("the trainer state holds an unknown tensor '" + k + "'");
            }
        });
        if (optimizer instanceof OptimizerState o) {
            o.resume(state.integer("optimizer.steps", 0), moments);
        }
        early.resume(state.number("early.best.loss", Double.POSITIVE_INFINITY),
                (int) state.integer("early.best.epoch", -1), best.isEmpty() ? null : best,
                (int) state.integer("early.since", 0));
        Map<String, Double> metrics = new LinkedHashMap<>();
        state.numbers().forEach((k, v) -> {
            if (k.startsWith(METRIC)) {
                metrics.put(k.substring(METRIC.length()), v);
            }
        });
        return new GradientState((int) state.integer("epoch", 0), state.number("loss.train", Double.NaN),
                state.number("loss.validation", Double.NaN), metrics, state.texts().getOrDefault("stop", ""),
                Boolean.parseBoolean(state.texts().get("stop.early")), last.isEmpty() ? null : last);
    }
}
