package io.engram.app.forecast.internal;

import java.util.Arrays;
import java.util.List;

/**
 * One multivariate series as read or generated: {@code values[t][c]} is channel {@code c} at the
 * {@code t}-th time {@code times[t]} (strictly increasing), and {@code anomalies[t]} whether step
 * {@code t} is labelled anomalous (an empty array when the series has no labels). Immutable: the
 * arrays are copied in and out.
 *
 * @param names     the channels' names
 * @param times     the time of each step
 * @param values    {@code [steps][channels]}, finite
 * @param anomalies {@code [steps]} labels, or empty
 * @param source    where it came from (a file, or the generator and its settings)
 */
record TimeSeries(List<String> names, double[] times, double[][] values, boolean[] anomalies, String source) {
    TimeSeries {
        names = List.copyOf(names);
        times = times.clone();
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        anomalies = anomalies.clone();
        if (times.length != values.length || anomalies.length != 0 && anomalies.length != values.length) {
            throw new IllegalArgumentException("a series needs one time, one row and one label (or none) per step");
        }
    }

    int length() {
        return times.length;
    }

    int channels() {
        return names.size();
    }

    boolean labelled() {
        return anomalies.length > 0;
    }

    /** Value of channel {@code c} at step {@code t}, without copying. */
    double value(int t, int c) {
        return values[t][c];
    }

    /** The values of step {@code t}, copied. */
    double[] row(int t) {
        return values[t].clone();
    }

    /** Whether step {@code t} is labelled anomalous (false when there are no labels). */
    boolean anomaly(int t) {
        return anomalies.length > 0 && anomalies[t];
    }

    /** The time of step {@code t}, without copying. */
    double time(int t) {
        return times[t];
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean[] anomalies() {
        return anomalies.clone();
    }
}
