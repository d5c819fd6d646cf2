package io.engram.train;

import io.engram.api.Hyperparameters;
import java.util.List;

/**
 * The learning rate as a function of the epoch (counted from 0). Implementations are immutable.
 *
 * <ul>
 *   <li>{@code constant}: {@code lr}</li>
 *   <li>{@code step}: {@code lr * decay^floor(epoch / every)}</li>
 *   <li>{@code exponential}: {@code lr * decay^epoch}</li>
 *   <li>{@code cosine}: {@code lr * (1 + cos(pi * epoch / epochs)) / 2}, cosine annealing without
 *   restarts (Loshchilov and Hutter 2017, eq. 5 with {@code eta_min = 0})</li>
 * </ul>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The ids {@link #of} accepts. */
    List<String> IDS = List.of("constant", "step", "exponential", "cosine");

    /** Learning rate for epoch {@code epoch}, from 0. */
    double rate(int epoch);

    static LearningRateSchedule constant(double lr) {
        return epoch -> lr;
    }

    static LearningRateSchedule step(double lr, double decay, int every) {
        if (every <= 0) {
            throw new IllegalArgumentException("step schedule needs a positive period: " + every);
        }
        return epoch -> lr * Math.pow(decay, Math.floorDiv(epoch, every));
    }

    static LearningRateSchedule exponential(double lr, double decay) {
        return epoch -> lr * Math.pow(decay, epoch);
    }

    static LearningRateSchedule cosine(double lr, int epochs) {
        return epoch -> lr * 0.5 * (1.0 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
    }

    /**
     * The schedule named by {@code schedule} in {@code h}, with {@code lr}, {@code decay} and
     * {@code decay.epochs}; absent keys take the defaults of {@link TrainingSchema#common()}.
     *
     * @param epochs the planned number of epochs (for {@code cosine})
     */
    static LearningRateSchedule of(Hyperparameters h, int epochs) {
        double lr = h.has("lr") ? h.getDouble("lr") : 0.01;
        double decay = h.has("decay") ? h.getDouble("decay") : 0.5;
        int every = h.has("decay.epochs") ? h.getInt("decay.epochs") : 10;
        String id = h.has("schedule") ? h.getString("schedule") : "constant";
        switch (id) {
            case "constant":
                return constant(lr);
            case "step":
                return step(lr, decay, every);
            case "exponential":
                return exponential(lr, decay);
            case "cosine":
                return cosine(lr, epochs);
            default:
                throw new IllegalArgumentException("unknown schedule '" + id + "' (expected one of " + IDS + ")");
        }
    }
}
