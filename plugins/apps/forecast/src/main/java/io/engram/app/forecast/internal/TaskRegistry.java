package io.engram.app.forecast.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Finds the task, part and forecast origin that a sequence was cut for, so that the application's
 * evaluation (which the platform hands only sequences) can de-normalise forecasts, read the
 * baselines' history and score anomalies. Sequences are matched by identity ({@link Sequence} has
 * no value equality of its own) and held weakly: an entry goes when its sequence is no longer used,
 * and the task is kept only by its sequences' entries. Thread-safe.
 */
final class TaskRegistry {
    private final Map<Sequence, Entry> entries = new WeakHashMap<>();

    /** Where one sequence came from; {@code origin} is -1 for a whole training part. */
    record Entry(ForecastTask task, Split.Part part, int origin) {
    }

    /** Records that {@code data}'s sequences are {@code part} of {@code task}, in the order of its origins. */
    synchronized void register(ForecastTask task, Split.Part part, Dataset data) {
        int[] origins = task.origins(part);
        for (int i = 0; i < data.size(); i++) {
            entries.put(data.get(i), new Entry(task, part, data.size() == origins.length ? origins[i] : -1));
        }
    }

    synchronized Optional<Entry> find(Sequence s) {
        return Optional.ofNullable(entries.get(s));
    }

    /** The entry of {@code data}'s first sequence, or an {@link IllegalArgumentException}. */
    Entry of(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("no sequences to evaluate");
        }
        return find(data.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "these sequences were not loaded by the forecast application (evaluate takes the sets its load gave)"));
    }
}
