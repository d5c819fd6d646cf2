package io.engram.kernel.internal;

import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.vavr.control.Validation;
import java.util.Locale;

/**
 * The spec key {@value #KEY}: which epoch end's network is the best one, kept as the job's best
 * checkpoint. Its value is a metric, {@code validation.loss}, {@code train.loss} or a name of the
 * application's epoch metrics (such as {@code validation.accuracy}), optionally followed by
 * {@code :min} (the default) or {@code :max}.
 *
 * <p>Lifecycle: parsed at validation and again when the job starts; {@link #improves} is asked at
 * each epoch end on the job's thread and remembers the best value seen. Not thread-safe: it belongs
 * to one job thread.
 */
final class BestCheckpoint {

    /** The spec key. */
    static final String KEY = "checkpoint.best";

    private final String metric;
    private final boolean max;
    private double best = Double.NaN;

    private BestCheckpoint(String metric, boolean max) {
        this.metric = metric;
        this.max = max;
    }

    /** The setting of {@code value}, or the problem with it, naming {@value #KEY}. */
    static Validation<Problem, BestCheckpoint> parse(String value) {
        String v = value == null ? "" : value.trim();
        int colon = v.lastIndexOf(':');
        String metric = colon < 0 ? v : v.substring(0, colon).trim();
        String mode = colon < 0 ? "min" : v.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (metric.isEmpty() || !(mode.equals("min") || mode.equals("max"))) {
            return Validation.invalid(Problem.of(KEY, "expected METRIC[:min|max] such as validation.loss or "
                    + "validation.accuracy:max, got '" + value + "'"));
        }
        return Validation.valid(new BestCheckpoint(metric, mode.equals("max")));
    }

    /** The metric watched. */
    String metric() {
        return metric;
    }

    /** The best value so far, NaN before the first. */
    double best() {
        return best;
    }

    /**
     * Whether {@code end} is better than every epoch end before it (the first with a finite value
     * is); an epoch end without the metric, or with a non-finite value, never is.
     */
    boolean improves(TrainingEvent.EpochEnd end) {
        double value = switch (metric) {
            case "validation.loss" -> end.validationLoss();
            case "train.loss" -> end.trainLoss();
            default -> end.metrics().getOrDefault(metric, Double.NaN);
        };
        if (!Double.isFinite(value)) {
            return false;
        }
        if (Double.isNaN(best) || (max ? value > best : value < best)) {
            best = value;
            return true;
        }
        return false;
    }
}
