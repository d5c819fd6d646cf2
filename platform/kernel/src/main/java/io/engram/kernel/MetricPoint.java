package io.engram.kernel;

import java.util.Objects;
import java.util.Set;

/**
 * One value of a job's metric series: the losses and the application's metrics at the end of an
 * epoch, one point per split and name.
 *
 * @param step   the position of the value on its curve: the number of epochs (or generations)
 *               completed when it was measured, from 1
 * @param epoch  the epoch it ends, as the trainer numbers it (from 1)
 * @param split  {@code train}, {@code validation} or {@code test}
 * @param name   the metric without its split, for example {@code loss} or {@code accuracy}
 * @param value  the value; NaN where it could not be computed
 */
public record MetricPoint(long step, int epoch, String split, String name, double value) {

    /** The splits a point may name. */
    public static final Set<String> SPLITS = Set.of("train", "validation", "test");

    public MetricPoint {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(name, "name");
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("split must be train, validation or test: " + split);
        }
    }

    /**
     * Splits a metric key as applications report it: {@code test.accuracy} is split {@code test},
     * name {@code accuracy}; a key without one of {@link #SPLITS} as its first part is a
     * validation metric under its whole key.
     */
    public static String[] splitKey(String key) {
        int dot = key.indexOf('.');
        if (dot > 0 && SPLITS.contains(key.substring(0, dot))) {
            return new String[] {key.substring(0, dot), key.substring(dot + 1)};
        }
        return new String[] {"validation", key};
    }
}
