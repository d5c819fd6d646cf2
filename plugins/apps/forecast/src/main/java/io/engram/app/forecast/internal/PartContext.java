package io.engram.app.forecast.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What evaluation needs of a dataset the application loaded, attached to it with
 * {@link Dataset#withContext} (so it follows the sequences into the subsets and shuffles a trainer
 * makes): for each sequence, the task and part it was cut from and its forecast origin, so that
 * forecasts can be de-normalised, the baselines read their history and anomalies be scored.
 * Sequences are matched by identity ({@link Sequence} has no value equality of its own). Immutable.
 */
final class PartContext {
    private final Map<Sequence, Entry> entries;

    /** Where one sequence came from; {@code origin} is -1 for a whole training part. */
    record Entry(ForecastTask task, Split.Part part, int origin) {
    }

    private PartContext(Map<Sequence, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** {@code data} with the context saying that its sequences are {@code part} of {@code task}, in the order of its origins. */
    static Dataset attach(ForecastTask task, Split.Part part, Dataset data) {
        int[] origins = task.origins(part);
        Map<Sequence, Entry> entries = new IdentityHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            entries.put(data.get(i), new Entry(task, part, data.size() == origins.length ? origins[i] : -1));
        }
        return data.withContext(new PartContext(entries));
    }

    /** The context attached to {@code data}, or an {@link IllegalArgumentException}. */
    static PartContext of(Dataset data) {
        return data.context(PartContext.class).orElseThrow(() -> new IllegalArgumentException(
                "these sequences were not loaded by the forecast application (evaluate takes the sets its load gave)"));
    }

    Optional<Entry> find(Sequence s) {
        return Optional.ofNullable(entries.get(s));
    }

    /** The entry of {@code data}'s first sequence, or an {@link IllegalArgumentException}. */
    Entry head(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("no sequences to evaluate");
        }
        return find(data.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "the first sequence is not one the forecast application loaded"));
    }
}
