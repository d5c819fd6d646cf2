package io.engram.app.forecast.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded forecasting task: the raw series, its chronological split, the values the network sees
 * ({@code u[t] = x[t]}, or with {@code data.difference = d > 0} the differences
 * {@code u[t] = x[t] - x[t - d]}, defined from step {@code d} on), the normaliser fitted on them over
 * the training part, and the normalised {@code z[t]}; it cuts each part into the network's sequences
 * ({@link Windows}) and knows the in-sample seasonal-naive error that scales MASE. Immutable.
 */
final class ForecastTask {
    private final ForecastSettings settings;
    private final TimeSeries series;
    private final Split split;
    private final Normaliser normaliser;
    private final double[][] z;

    ForecastTask(ForecastSettings settings, TimeSeries series, Split split) {
        this.settings = settings;
        this.series = series;
        this.split = split;
        int d = settings.difference();
        double[][] u = new double[series.length()][series.channels()];
        for (int t = d; t < u.length; t++) {
            for (int c = 0; c < series.channels(); c++) {
                u[t][c] = series.value(t, c) - (d == 0 ? 0 : series.value(t - d, c));
            }
        }
        this.normaliser = Normaliser.fit(settings.normalisation(), u, d, split.trainEnd());
        this.z = new double[series.length()][series.channels()];
        for (int t = d; t < z.length; t++) {
            for (int c = 0; c < series.channels(); c++) {
                z[t][c] = normaliser.apply(u[t][c], c);
            }
        }
    }

    ForecastSettings settings() {
        return settings;
    }

    TimeSeries series() {
        return series;
    }

    Split split() {
        return split;
    }

    Normaliser normaliser() {
        return normaliser;
    }

    int channels() {
        return series.channels();
    }

    /** The forecast origins of {@code part}: every {@code stride}-th for training, every one otherwise. */
    int[] origins(Split.Part part) {
        return split.origins(part, settings.lead(), settings.horizon(),
                part == Split.Part.TRAIN ? settings.stride() : 1);
    }

    /** The sequences of {@code part}, one per origin, or for training laid out whole one sequence. */
    Dataset dataset(Split.Part part) {
        List<Sequence> out = new ArrayList<>();
        if (part == Split.Part.TRAIN && settings.wholeTraining()) {
            out.add(Windows.whole(z, settings.difference(), split.trainEnd()));
        } else {
            for (int o : origins(part)) {
                out.add(Windows.window(z, o, settings.window(), settings.horizon(), settings.direct()));
            }
        }
        return new Dataset(out, channels(), settings.outputs());
    }

    /**
     * The in-sample seasonal-naive mean absolute error of the raw training part,
     * {@code mean over t in [m, trainEnd) and channels of |x[t] - x[t - m]|} with {@code m} the
     * season (1: the naive forecast), which MASE divides by.
     */
    double maseScale() {
        int m = settings.season();
        double sum = 0;
        long n = 0;
        for (int t = m; t < split.trainEnd(); t++) {
            for (int c = 0; c < channels(); c++) {
                sum += Math.abs(series.value(t, c) - series.value(t - m, c));
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
