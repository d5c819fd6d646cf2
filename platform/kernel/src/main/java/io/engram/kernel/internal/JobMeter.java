package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.tensor.Backend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's share of its backend's cost meter ({@link Backend#meter()}): the counters read when the
 * job starts, and the differences since then under the prefix {@value #PREFIX}
 * ({@code backend.energy.joules}, ...).
 *
 * <p>Lifecycle: made on the job's thread when the job starts, read on the same thread (the meter
 * counts the calling thread's work) at each epoch end and when the job ends. The growth measured on
 * the job's population workers' threads is handed in with {@link #add} and counted too. A backend
 * whose meter is empty adds nothing. Thread-safe for {@link #add}; the other methods belong to the
 * job's thread.
 */
final class JobMeter {
    /** Prefix of the metered keys in events and metrics. */
    static final String PREFIX = "backend.";

    private final Backend backend;
    private final Map<String, Double> start;
    /** Growth on other threads (population workers), by key; guarded by itself. */
    private final Map<String, Double> workers = new LinkedHashMap<>();

    JobMeter(Backend backend) {
        this.backend = backend;
        this.start = read(backend);
    }

    private static Map<String, Double> read(Backend backend) {
        try {
            return Map.copyOf(backend.meter());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Each counter's growth since the job started, prefixed; empty when the backend meters nothing. */
    Map<String, Double> sinceStart() {
        Map<String, Double> now = read(backend);
        Map<String, Double> out = new LinkedHashMap<>();
        now.forEach((key, value) -> out.put(PREFIX + key, value - start.getOrDefault(key, 0.0)));
        synchronized (workers) {
            workers.forEach((key, value) -> out.merge(PREFIX + key, value, Double::sum));
        }
        return out;
    }

    /** Counts {@code growth}, measured on a population worker's thread, as the job's; from any thread. */
    void add(Map<String, Double> growth) {
        synchronized (workers) {
            growth.forEach((key, value) -> workers.merge(key, value, Double::sum));
        }
    }

    /** An epoch end re-made with {@link #sinceStart()} among its metrics; any other event unchanged. */
    TrainingEvent onEvent(TrainingEvent event) {
        if (!(event instanceof TrainingEvent.EpochEnd e)) {
            return event;
        }
        Map<String, Double> metered = sinceStart();
        if (metered.isEmpty()) {
            return event;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(e.metrics());
        metrics.putAll(metered);
        return new TrainingEvent.EpochEnd(e.epoch(), e.trainLoss(), e.validationLoss(), metrics);
    }

    /** {@code metrics} with {@link #sinceStart()} added. */
    Map<String, Double> addTo(Map<String, Double> metrics) {
        metrics.putAll(sinceStart());
        return metrics;
    }
}
