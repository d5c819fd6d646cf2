package io.engram.app.forecast.internal;

import io.engram.api.Hyperparameters;
import java.util.Arrays;
import java.util.List;

/**
 * The validated {@code data.*} settings of a forecasting job (see {@link ForecastApplication} for
 * their meaning). Immutable.
 */
record ForecastSettings(String file, String timeColumn, List<String> columns, String anomalyColumn,
                        SeriesCsv.Missing missing, int length, double tau, int discard, int difference, int window, int horizon,
                        int stride, boolean direct, boolean wholeTraining, double trainFraction,
                        double validationFraction, String normalisation, int season, String plot, String rule,
                        double quantile, double beta) {

    ForecastSettings {
        columns = List.copyOf(columns);
    }

    static ForecastSettings of(Hyperparameters p) {
        List<String> columns = Arrays.stream(p.getString("columns").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        return new ForecastSettings(p.getString("file"), p.getString("time.column"),
                p.getString("file").isEmpty() ? List.of("x") : columns, p.getString("anomaly.column"),
                p.getString("missing").equals("interpolate") ? SeriesCsv.Missing.INTERPOLATE : SeriesCsv.Missing.REFUSE,
                p.getInt("length"), p.getDouble("tau"), p.getInt("discard"), p.getInt("difference"), p.getInt("window"), p.getInt("horizon"),
                p.getInt("stride"), p.getString("forecast").equals("direct"), p.getString("train.layout").equals("whole"),
                p.getDouble("train.fraction"), p.getDouble("validation.fraction"), p.getString("normalisation"),
                p.getInt("season"), p.getString("plot"), p.getString("anomaly.threshold"), p.getDouble("anomaly.quantile"),
                p.getDouble("anomaly.beta"));
    }

    /** Whether anomalies are detected (an anomaly column is named). */
    boolean detects() {
        return !anomalyColumn.isEmpty();
    }

    /** The steps before the first forecast origin: the window and the lag of the differences it holds. */
    int lead() {
        return window + difference;
    }

    /** The network's outputs per step: one per channel, or one per channel and horizon step when direct. */
    int outputs() {
        return direct ? columns.size() * horizon : columns.size();
    }

    /**
     * Why these settings cannot work, each naming its key, or an empty text: relations between
     * settings that the schema's ranges do not catch.
     */
    String problems() {
        StringBuilder b = new StringBuilder();
        if (!file.isEmpty() && columns.isEmpty()) {
            b.append("data.columns: no value column named; ");
        }
        if (season > window) {
            b.append("data.season: ").append(season).append(" exceeds data.window ").append(window)
                    .append(" (the seasonal-naive baseline reads the last season from the window); ");
        }
        if (trainFraction + validationFraction >= 1) {
            b.append("data.validation.fraction: with data.train.fraction it leaves no test part; ");
        }
        if (wholeTraining && direct) {
            b.append("data.train.layout: whole needs data.forecast=recursive; ");
        }
        return b.isEmpty() ? "" : b.substring(0, b.length() - 2);
    }
}
