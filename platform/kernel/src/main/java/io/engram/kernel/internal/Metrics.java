package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The points of a job's metric series that an epoch end gives: the train loss, the validation loss
 * when there is one, and each of the application's metrics under its split
 * ({@link MetricPoint#splitKey}), at step {@code epoch + 1}. Stateless.
 */
final class Metrics {

    private Metrics() {
    }

    static List<MetricPoint> of(TrainingEvent.EpochEnd end) {
        List<MetricPoint> out = new ArrayList<>();
        long step = end.epoch() + 1L;
        out.add(new MetricPoint(step, end.epoch(), "train", "loss", end.trainLoss()));
        if (!Double.isNaN(end.validationLoss())) {
            out.add(new MetricPoint(step, end.epoch(), "validation", "loss", end.validationLoss()));
        }
        new TreeMap<>(end.metrics()).forEach((key, value) -> {
            String[] sn = MetricPoint.splitKey(key);
            out.add(new MetricPoint(step, end.epoch(), sn[0], sn[1], value));
        });
        return out;
    }

    /** The series of every epoch end among {@code events}, in their order. */
    static List<MetricPoint> of(List<JobEvent> events) {
        List<MetricPoint> out = new ArrayList<>();
        for (JobEvent e : events) {
            if (e.event() instanceof TrainingEvent.EpochEnd end) {
                out.addAll(of(end));
            }
        }
        return out;
    }
}
