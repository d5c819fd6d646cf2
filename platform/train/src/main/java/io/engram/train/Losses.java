package io.engram.train;

import io.engram.api.Loss;
import io.engram.api.StepwiseLoss;
import io.engram.train.internal.MeanSquaredError;
import io.engram.train.internal.SoftmaxCrossEntropy;
import java.util.List;

/**
 * The two per-step losses by id, for code that runs without the plugin registry (tests, benchmarks,
 * the sweep); in the framework the same objects are registered as {@code engram.loss} services by
 * the {@code io.engram.loss.basic} bundle, and jobs take their loss from the registry. Each is a
 * {@link StepwiseLoss} written against the op vocabulary, so it is differentiated (taped or with
 * tangents) like a cell, and each sums over the rows whose {@code [rows, 1]} mask is set so that
 * masked rows contribute exactly nothing (they are cut out with {@code ops.where}, not multiplied by
 * zero, so even a non-finite output in a padded row leaves the loss and its gradient untouched).
 *
 * <ul>
 *   <li>{@code mse}: per target row, the mean over outputs of {@code (y - t)^2}; divided by the
 *   number of targets, the mean squared error.</li>
 *   <li>{@code softmax-ce}: per target row, {@code -sum_o t_o log softmax(y)_o} (targets one-hot or
 *   a distribution). The raw output is a logit vector; a predictor applies softmax.</li>
 * </ul>
 */
public final class Losses {
    /** Id of the mean squared error. */
    public static final String MSE = "mse";
    /** Id of softmax cross-entropy. */
    public static final String SOFTMAX_CE = "softmax-ce";

    private Losses() {
    }

    /** The ids {@link #of} accepts. */
    public static List<String> ids() {
        return List.of(MSE, SOFTMAX_CE);
    }

    /**
     * The loss with this id.
     *
     * @throws IllegalArgumentException for an unknown id (callers validate ids against {@link #ids()})
     */
    public static StepwiseLoss of(String id) {
        switch (id) {
            case MSE:
                return new MeanSquaredError();
            case SOFTMAX_CE:
                return new SoftmaxCrossEntropy();
            default:
                throw new IllegalArgumentException("unknown loss '" + id + "' (expected one of " + ids() + ")");
        }
    }

    /**
     * {@code loss} as a {@link StepwiseLoss}, for a gradient method that takes the loss run by run.
     *
     * @param method what needs it, for the message ({@code truncated BPTT (trainer.k1, trainer.k2)})
     * @throws IllegalArgumentException when {@code loss} is a loss of the whole sequence
     */
    public static StepwiseLoss stepwise(Loss loss, String method) {
        if (loss instanceof StepwiseLoss s) {
            return s;
        }
        throw new IllegalArgumentException(wholeSequence(loss, method));
    }

    /** The message refusing a loss of the whole sequence for {@code method}. */
    public static String wholeSequence(Loss loss, String method) {
        return "loss '" + loss.id() + "' is a loss of the whole sequence, which " + method
                + " cannot take: it needs a per-step loss (such as mse or softmax-ce) because it takes the"
                + " loss run by run as the outputs come; train with full BPTT instead";
    }
}
