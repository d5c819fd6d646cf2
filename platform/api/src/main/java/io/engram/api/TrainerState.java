package io.engram.api;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a trainer needs to continue a job where a checkpoint left it: its position (epoch, batch),
 * counters and random state as integers, running values (best loss, last metrics) as numbers,
 * words as texts, and tensors (optimiser moments, the best parameters so far). The keys are the
 * trainer's own; the platform stores them in the checkpoint ({@link TrainingContext#checkpoint})
 * and gives them back unchanged ({@link TrainingContext#resumeState()}). A double survives the
 * round trip bit for bit, NaN and infinities included. Immutable and thread-safe; the maps keep
 * the order they were given in.
 *
 * @param trainer  the id of the trainer that wrote it; a trainer refuses the state of another
 * @param integers counters and random state by name
 * @param numbers  running values by name
 * @param texts    words by name
 * @param tensors  tensors by name
 */
public record TrainerState(String trainer, Map<String, Long> integers, Map<String, Double> numbers,
                           Map<String, String> texts, Map<String, Tensor> tensors) {

    public TrainerState {
        Objects.requireNonNull(trainer, "trainer");
        integers = copy(integers);
        numbers = copy(numbers);
        texts = copy(texts);
        tensors = copy(tensors);
    }

    private static <T> Map<String, T> copy(Map<String, T> given) {
        Map<String, T> out = new LinkedHashMap<>();
        given.forEach((k, v) -> out.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(out);
    }

    /** The integer {@code key}, or {@code otherwise} when there is none. */
    public long integer(String key, long otherwise) {
        return integers.getOrDefault(key, otherwise);
    }

    /** The number {@code key}, or {@code otherwise} when there is none. */
    public double number(String key, double otherwise) {
        return numbers.getOrDefault(key, otherwise);
    }
}
