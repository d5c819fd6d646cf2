package io.engram.train;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Early stopping on a validation loss (Prechelt 1998, criterion "UP" in its patience form): stop
 * once the loss has not improved on its best value for {@code patience} consecutive epochs, and go
 * back to the parameters that achieved the best value.
 *
 * <p>Lifecycle: one instance per job; call {@link #update} once after every epoch, in order, from
 * the job's thread. The parameters handed in are kept by reference (tensors are immutable).
 */
public final class EarlyStopping {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private Map<String, Tensor> bestParameters;
    private int epochsWithoutImprovement;

    /** @param patience epochs without improvement before stopping; 0 never stops */
    public EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Records the loss reached with {@code parameters} after {@code epoch}.
     *
     * @return true when training should stop now
     */
    public boolean update(int epoch, double loss, Map<String, Tensor> parameters) {
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = epoch;
            bestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        return patience > 0 && epochsWithoutImprovement >= patience;
    }

    /** The lowest loss seen so far; infinite before the first finite one. */
    public double bestLoss() {
        return bestLoss;
    }

    /** The epoch of {@link #bestLoss()}; -1 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The parameters of the best epoch, if any epoch had a finite loss. */
    public Optional<Map<String, Tensor>> bestParameters() {
        return Optional.ofNullable(bestParameters);
    }

    public int patience() {
        return patience;
    }

    /** Epochs since the best one, as counted by {@link #update}. */
    public int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }

    /**
     * Continues from the counters and parameters of a checkpoint, as {@link #update} had left them.
     *
     * @param bestParameters null when no epoch had a finite loss
     */
    public void resume(double bestLoss, int bestEpoch, Map<String, Tensor> bestParameters, int epochsWithoutImprovement) {
        this.bestLoss = bestLoss;
        this.bestEpoch = bestEpoch;
        this.bestParameters = bestParameters == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(bestParameters));
        this.epochsWithoutImprovement = epochsWithoutImprovement;
    }
}
