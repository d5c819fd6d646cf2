package io.engram.app.forecast.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows {@link SeriesCsv} has read: times, values (NaN where missing), labels and the line each
 * came from, and the linear interpolation of missing values in time. Not thread-safe; one per read.
 */
final class Rows {
    private final int channels;
    private final boolean labelled;
    private final List<Double> times = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<Boolean> labels = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();

    Rows(int channels, boolean labelled) {
        this.channels = channels;
        this.labelled = labelled;
    }

    void add(double time, double[] v, boolean label, int line) {
        times.add(time);
        values.add(v);
        labels.add(label);
        lines.add(line);
    }

    int size() {
        return times.size();
    }

    double lastTime() {
        return times.get(times.size() - 1);
    }

    /**
     * Fills each missing value from the nearest present values of its column above and below,
     * linearly in time; one that has no present value on one side is a problem naming its line.
     */
    void interpolate(String file, int[] columnAt, List<String> header, List<String> problems) {
        for (int c = 0; c < channels; c++) {
            int before = -1;
            for (int t = 0; t < size(); t++) {
                if (!Double.isNaN(values.get(t)[c])) {
                    before = t;
                    continue;
                }
                int after = t + 1;
                while (after < size() && Double.isNaN(values.get(after)[c])) {
                    after++;
                }
                if (before < 0 || after == size()) {
                    problems.add(file + ":" + lines.get(t) + ":" + (columnAt[c] + 1) + " (" + header.get(columnAt[c])
                            + "): missing value with no value " + (before < 0 ? "above" : "below") + " to interpolate from");
                    continue;
                }
                double t0 = times.get(before);
                double t1 = times.get(after);
                double w = (times.get(t) - t0) / (t1 - t0);
                values.get(t)[c] = (1 - w) * values.get(before)[c] + w * values.get(after)[c];
            }
        }
    }

    double[] times() {
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[][] values() {
        return values.toArray(new double[0][]);
    }

    boolean[] labels() {
        boolean[] out = new boolean[labels.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = labelled && labels.get(t);
        }
        return out;
    }
}
