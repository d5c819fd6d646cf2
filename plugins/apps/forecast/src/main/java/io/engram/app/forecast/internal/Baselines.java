package io.engram.app.forecast.internal;

/**
 * The two reference forecasts every model is judged beside, made from a window of history
 * {@code x[k][c]} ({@code k = 0 .. window - 1}, the last row the step before the origin):
 * <ul>
 *   <li>persistence (the naive forecast): every horizon step repeats the last value,
 *   {@code f[h] = x[window - 1]};</li>
 *   <li>seasonal naive with season {@code m}: each step repeats the value one season earlier, as
 *   many whole seasons back as needed to lie in the history,
 *   {@code f[h] = x[window + h - m (floor(h / m) + 1)]}; with {@code m = 1} it is persistence.</li>
 * </ul>
 * The season must not exceed the window. Stateless.
 */
final class Baselines {
    private Baselines() {
    }

    static double[][] persistence(double[][] history, int horizon) {
        double[][] out = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            out[h] = history[history.length - 1].clone();
        }
        return out;
    }

    static double[][] seasonal(double[][] history, int horizon, int season) {
        int w = history.length;
        if (season > w) {
            throw new IllegalArgumentException("season " + season + " exceeds the window " + w);
        }
        double[][] out = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            out[h] = history[w + h - season * (h / season + 1)].clone();
        }
        return out;
    }
}
