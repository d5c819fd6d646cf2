package io.engram.app.forecast.internal;

import io.engram.api.PredictionFormat;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code engram predict} on a CSV file of recent history, in the layout of the training file (the
 * time column and the value columns named by the job's {@code data.*}; missing values as
 * {@code data.missing} says): its last {@code data.window} rows (with {@code data.difference = d},
 * their differences from the rows {@code d} before), normalised with the statistics kept in the
 * checkpoint, are the network's inputs, and the forecast that follows is printed
 * de-normalised, one line per step ({@code time,value,...}, after a header), its times continuing
 * the file's by their mean spacing over the window. A direct model prints {@code data.horizon}
 * steps; a recursive one the next step (its outputs fed back need the network, which the format does
 * not run). One file is one record. Used by one thread at a time (it keeps the times it read).
 */
final class ForecastFormat implements PredictionFormat {
    private final ForecastSettings settings;
    private final Normaliser normaliser;
    private final Map<String, double[]> times = new HashMap<>();
    private final Map<String, double[][]> tails = new HashMap<>();

    ForecastFormat(ForecastSettings settings, Normaliser normaliser) {
        this.settings = settings;
        this.normaliser = normaliser;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        return Try.of(() -> {
            TimeSeries s = SeriesCsv.read(file, settings.timeColumn(), settings.columns(), "", settings.missing());
            int w = settings.window();
            int d = settings.difference();
            if (s.length() < w + d) {
                throw new IllegalArgumentException(file + ": " + s.length() + " rows of history; the model reads the last "
                        + (w + d) + " (data.window and data.difference)");
            }
            double[][] inputs = new double[w][s.channels()];
            double[] t = new double[w];
            for (int k = 0; k < w; k++) {
                int row = s.length() - w + k;
                t[k] = s.time(row);
                for (int c = 0; c < s.channels(); c++) {
                    inputs[k][c] = normaliser.apply(s.value(row, c) - (d == 0 ? 0 : s.value(row - d, c)), c);
                }
            }
            String name = file.getFileName().toString();
            times.put(name, t);
            double[][] tail = new double[d][];
            for (int k = 0; k < d; k++) {
                tail[k] = s.row(s.length() - d + k);
            }
            tails.put(name, tail);
            return List.of(new Record(name, "the last " + w + " rows of " + name, inputs));
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] out = prediction.outputs();
        double[] last = out[out.length - 1];
        int channels = normaliser.channels();
        int steps = last.length / channels;
        double[] t = times.getOrDefault(record.name(), new double[] {0, 1});
        double spacing = t.length > 1 ? (t[t.length - 1] - t[0]) / (t.length - 1) : 1;
        int d = settings.difference();
        double[][] tail = tails.getOrDefault(record.name(), new double[0][]);
        double[][] x = new double[steps][channels];
        StringBuilder b = new StringBuilder(settings.timeColumn()).append(',').append(String.join(",", settings.columns()));
        for (int h = 0; h < steps; h++) {
            b.append('\n').append(String.format(Locale.ROOT, "%.6g", t[t.length - 1] + (h + 1) * spacing));
            for (int c = 0; c < channels; c++) {
                double u = normaliser.invert(last[h * channels + c], c);
                x[h][c] = d == 0 ? u : u + (h < d ? tail[tail.length - d + h][c] : x[h - d][c]);
                b.append(',').append(String.format(Locale.ROOT, "%.6g", x[h][c]));
            }
        }
        return b.toString();
    }
}
