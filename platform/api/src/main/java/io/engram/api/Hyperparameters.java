package io.engram.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Validated hyperparameter values, typed by their {@link Schema}; immutable. Obtain one from
 * {@link Schema#validate}; every value a schema declares is present (given or defaulted).
 */
public final class Hyperparameters {
    private static final Hyperparameters EMPTY = new Hyperparameters(Map.of());

    private final Map<String, Object> values;

    private Hyperparameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Values that are already typed (Integer, Double, Boolean or String). */
    public static Hyperparameters of(Map<String, ?> values) {
        return new Hyperparameters(new LinkedHashMap<>(values));
    }

    public static Hyperparameters empty() {
        return EMPTY;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        return String.valueOf(get(name));
    }

    /** The typed value, or an exception naming the missing key. */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new NoSuchElementException("no hyperparameter '" + name + "'");
        }
        return v;
    }

    /**
     * The values whose names start with {@code prefix + "."}, with that part removed, in order: one
     * slot's part of a composite family's values ({@link CompositeFamily}).
     */
    public Hyperparameters section(String prefix) {
        String head = prefix + ".";
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(head)) {
                out.put(k.substring(head.length()), v);
            }
        });
        return new Hyperparameters(out);
    }

    /** All values, in schema order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Values as text, as they would be written in a spec file. */
    public Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters && values.equals(((Hyperparameters) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
