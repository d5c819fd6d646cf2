package io.engram.train;

import io.engram.api.HyperParameter;
import io.engram.api.Schema;

/**
 * The hyperparameters every gradient trainer publishes (read by {@link GradientTraining},
 * {@link Optimizers} and {@link LearningRateSchedule}), and the truncation parameters of BPTT.
 */
public final class TrainingSchema {

    private TrainingSchema() {
    }

    /** Epochs, batches, optimizer, learning-rate schedule, clipping, early stopping, targets. */
    public static Schema common() {
        return Schema.of(
                HyperParameter.integer("epochs", 10, 1, 1_000_000, "Passes over the training data."),
                HyperParameter.integer("batch.size", 16, 1, 1_000_000, "Sequences per optimizer step."),
                HyperParameter.choice("optimizer", Optimizers.ADAM, Optimizers.ids(),
                        "First-order optimizer: sgd (with momentum), adam or rmsprop."),
                HyperParameter.real("lr", 0.01, 0.0, 100.0, "Learning rate (the schedule's starting value)."),
                HyperParameter.real("momentum", 0.0, 0.0, 0.999999, "Momentum coefficient of sgd."),
                HyperParameter.bool("nesterov", false, "Nesterov momentum for sgd."),
                HyperParameter.real("beta1", 0.9, 0.0, 0.999999, "Adam: decay of the first moment."),
                HyperParameter.real("beta2", 0.999, 0.0, 0.999999999, "Adam: decay of the second moment."),
                HyperParameter.real("rho", 0.9, 0.0, 0.999999, "RMSProp: decay of the mean square."),
                HyperParameter.real("epsilon", 1e-8, 1e-12, 1.0, "Adam and RMSProp: added to the root in the denominator."),
                HyperParameter.real("clip", 0.0, 0.0, 1e12, "Clip gradients to this global norm; 0 disables."),
                HyperParameter.choice("schedule", "constant", LearningRateSchedule.IDS,
                        "Learning-rate schedule over epochs: constant, step, exponential or cosine."),
                HyperParameter.real("decay", 0.5, 0.0, 1.0, "Factor of the step and exponential schedules."),
                HyperParameter.integer("decay.epochs", 10, 1, 1_000_000, "Period in epochs of the step schedule."),
                HyperParameter.integer("patience", 0, 0, 1_000_000,
                        "Stop after this many epochs without a lower validation loss and restore the best "
                                + "parameters; 0 disables."),
                HyperParameter.real("validation.fraction", 0.0, 0.0, 0.9,
                        "Fraction of the training data held out for validation when the task gives none."),
                HyperParameter.text("target.metric", "",
                        "Stop once this validation metric (or 'loss') reaches target.value; empty disables."),
                HyperParameter.real("target.value", 0.0, -1e300, 1e300,
                        "Value of target.metric at which to stop (reached from above for losses and errors, "
                                + "from below otherwise)."));
    }

    /**
     * {@link #common()} plus the truncation of Williams and Peng 1990 ({@code k1} and {@code k2})
     * and the recomputation segments of full BPTT ({@code checkpoint.segments}), and batches of
     * sequences of similar length ({@code batch.by.length}, {@link LengthBatches}).
     */
    public static Schema bptt() {
        return common().plus(Schema.of(
                HyperParameter.integer("k1", 0, 0, 1_000_000,
                        "Truncated BPTT: backpropagate every k1 steps; 0 once at the end of the sequence."),
                HyperParameter.integer("k2", 0, 0, 1_000_000,
                        "Truncated BPTT: backpropagate k2 steps back (at least k1); 0 to the start of the "
                                + "sequence."),
                HyperParameter.integer("checkpoint.segments", 0, 0, 1_000_000,
                        "Full BPTT only: keep the state at this many segment starts and recompute each "
                                + "segment's activations in the backward pass (same gradients, less memory); "
                                + "0 or 1 records the whole sequence."),
                HyperParameter.bool("batch.by.length", false,
                        "Batch sequences of similar length together (less padding), the batches in a seeded "
                                + "order each epoch.")));
    }
}
