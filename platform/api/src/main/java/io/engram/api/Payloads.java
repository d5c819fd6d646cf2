package io.engram.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Named lists a checkpoint carries besides its tensors: integers (token ids, sizes), numbers
 * (normalisation statistics) and strings (vocabularies, alphabets). A family writes them through
 * {@link Network#payloads()}, an application through {@link Application#payloads(TaskData)}, and a
 * family reads them back in {@link NetworkFamily#restore(ModelSpec, io.engram.tensor.Backend, Map,
 * CheckpointMetadata, Payloads)}. A name is used once across the three kinds; numbers are finite.
 * Immutable and thread-safe; the maps keep the order they were given in.
 *
 * @param integers named lists of 64-bit integers
 * @param numbers  named lists of finite 64-bit floating-point numbers
 * @param strings  named lists of strings
 */
public record Payloads(Map<String, List<Long>> integers, Map<String, List<Double>> numbers,
                       Map<String, List<String>> strings) {

    private static final Payloads EMPTY = new Payloads(Map.of(), Map.of(), Map.of());

    /**
     * @throws IllegalArgumentException when a name is empty or used twice, or a number is not finite
     * @throws NullPointerException     when a name, list or element is null
     */
    public Payloads {
        Set<String> names = new LinkedHashSet<>();
        integers = copy(integers, names);
        numbers = copy(numbers, names);
        strings = copy(strings, names);
        numbers.forEach((name, list) -> list.forEach(v -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("payload '" + name + "' holds " + v + "; numbers are finite");
            }
        }));
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> given, Set<String> names) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        given.forEach((name, list) -> {
            Objects.requireNonNull(name, "payload name");
            if (name.isEmpty() || !names.add(name)) {
                throw new IllegalArgumentException(name.isEmpty() ? "a payload name is empty"
                        : "payload '" + name + "' is given twice");
            }
            out.put(name, List.copyOf(list));
        });
        return Collections.unmodifiableMap(out);
    }

    /** No payloads. */
    public static Payloads empty() {
        return EMPTY;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return integers.isEmpty() && numbers.isEmpty() && strings.isEmpty();
    }

    /** Every name, integers first, then numbers, then strings. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(integers.keySet());
        names.addAll(numbers.keySet());
        names.addAll(strings.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** The integers named {@code name}, if there are. */
    public Optional<List<Long>> integers(String name) {
        return Optional.ofNullable(integers.get(name));
    }

    /** The numbers named {@code name}, if there are. */
    public Optional<List<Double>> numbers(String name) {
        return Optional.ofNullable(numbers.get(name));
    }

    /** The strings named {@code name}, if there are. */
    public Optional<List<String>> strings(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    /**
     * These payloads and {@code other}'s together.
     *
     * @throws IllegalArgumentException when both use a name
     */
    public Payloads with(Payloads other) {
        return new Payloads(join(integers, other.integers), join(numbers, other.numbers), join(strings, other.strings));
    }

    private static <T> Map<String, List<T>> join(Map<String, List<T>> a, Map<String, List<T>> b) {
        Map<String, List<T>> out = new LinkedHashMap<>(a);
        b.forEach((name, list) -> {
            if (out.putIfAbsent(name, list) != null) {
                throw new IllegalArgumentException("payload '" + name + "' is given twice");
            }
        });
        return out;
    }
}
