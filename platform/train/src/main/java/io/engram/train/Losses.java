package io.engram.train;

import io.engram.api.Loss;
import io.engram.train.internal.MeanSquaredError;
import io.engram.train.internal.SoftmaxCrossEntropy;
import java.util.List;

/**
 * The losses gradient trainers minimise, by id. Each is a {@link Loss} over one time step written
 * against the op vocabulary, so it is differentiated (taped or with tangents) like a cell, and each
 * sums over the rows whose {@code [batch, 1]} mask is set so that masked rows contribute exactly
 * nothing (they are cut out with {@code ops.where}, not multiplied by zero, so even a non-finite
 * output in a padded row leaves the loss and its gradient untouched).
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
    public static Loss of(String id) {
        switch (id) {
            case MSE:
                return new MeanSquaredError();
            case SOFTMAX_CE:
                return new SoftmaxCrossEntropy();
            default:
                throw new IllegalArgumentException("unknown loss '" + id + "' (expected one of " + ids() + ")");
        }
    }
}
