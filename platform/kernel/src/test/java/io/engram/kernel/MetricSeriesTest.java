package io.engram.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

    @Test
    void epochEndsBecomeOnePointPerSplitAndName() {
        List<JobEvent> events = List.of(
                new JobEvent("j", 0, "t", JobState.RUNNING, new TrainingEvent.Progress(1, 2, 1, 4, 0.9)),
                new JobEvent("j", 1, "t", JobState.RUNNING,
                        new TrainingEvent.EpochEnd(1, 0.8, 0.7, Map.of("validation.accuracy", 0.5, "bits", 3.0))),
                new JobEvent("j", 2, "t", JobState.RUNNING,
                        new TrainingEvent.EpochEnd(2, 0.6, Double.NaN, Map.of("test.accuracy", 1.0))),
                new JobEvent("j", 3, "t", JobState.RUNNING,
                        new TrainingEvent.EpochEnd(3, Double.NaN, Double.NaN, Map.of())));
        List<MetricPoint> points = new Fixed(events).metrics("j");
        assertEquals(List.of(
                new MetricPoint(1, 1, "train", "loss", 0.8),
                new MetricPoint(1, 1, "validation", "loss", 0.7),
                new MetricPoint(1, 1, "validation", "bits", 3.0),
                new MetricPoint(1, 1, "validation", "accuracy", 0.5),
                new MetricPoint(2, 2, "train", "loss", 0.6),
                new MetricPoint(2, 2, "test", "accuracy", 1.0)), points);
    }

    @Test
    void anUnknownSplitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MetricPoint(1, 0, "dev", "loss", 1));
    }

    private record Fixed(List<JobEvent> events) implements JobManager {
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            throw new UnsupportedOperationException();
        }

        public List<JobInfo> jobs() {
            return List.of();
        }

        public Optional<JobInfo> job(String id) {
            return Optional.empty();
        }

        public boolean cancel(String id) {
            return false;
        }

        public List<JobEvent> events(String id) {
            return events;
        }

        public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
            return () -> { };
        }

        public Optional<JobInfo> await(String id, Duration timeout) {
            return Optional.empty();
        }
    }
}
