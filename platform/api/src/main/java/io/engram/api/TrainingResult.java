package io.engram.api;

import java.util.Map;

/**
 * What a trainer returns.
 *
 * @param metrics     final metrics by name (loss, and the application's metrics on validation)
 * @param epochs      epochs completed
 * @param stopReason  empty when training ran its planned course, otherwise why it stopped early
 * @param failed      true when it stopped because something went wrong (non-finite loss), in which
 *                    case the network's parameters are the last good ones
 */
public record TrainingResult(Map<String, Double> metrics, int epochs, String stopReason, boolean failed) {

    public TrainingResult {
        metrics = Map.copyOf(metrics);
    }
}
