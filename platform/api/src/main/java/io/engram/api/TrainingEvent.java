package io.engram.api;

import java.util.Map;

/**
 * What a trainer reports while it runs. Events are immutable values; the kernel stamps each with
 * its job id, sequence number and time, streams it to listeners and stores it with the job.
 */
public sealed interface TrainingEvent {

    /** A short lower-case tag naming the kind of event, as used in JSON. */
    String type();

    /** Progress within an epoch. */
    record Progress(int epoch, int epochs, int batch, int batches, double loss) implements TrainingEvent {
        @Override
        public String type() {
            return "progress";
        }
    }

    /** The end of an epoch with its losses and the application's metrics. */
    record EpochEnd(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics)
            implements TrainingEvent {
        public EpochEnd {
            metrics = Map.copyOf(metrics);
        }

        @Override
        public String type() {
            return "epoch";
        }
    }

    /** A line of information or a warning. */
    record Message(String level, String text) implements TrainingEvent {
        @Override
        public String type() {
            return "message";
        }
    }

    /**
     * Training stopped before its planned end: early stopping, a target reached, or a non-finite
     * loss or gradient (in which case no checkpoint is written from the poisoned parameters).
     */
    record Stopped(String reason, boolean failure) implements TrainingEvent {
        @Override
        public String type() {
            return "stopped";
        }
    }
}
