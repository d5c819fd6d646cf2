package io.engram.app.forecast.internal;

import java.util.Map;

/**
 * The point-forecast errors, over paired true values {@code y} and forecasts {@code f} (every
 * origin, horizon step and channel, in the series' own units):
 * <pre>
 *   rmse  = sqrt(mean (f - y)^2)
 *   nrmse = rmse / sd(y)                       sd the population standard deviation of the y judged
 *   mae   = mean |f - y|
 *   mase  = mae / scale                        scale the in-sample seasonal-naive MAE of the training part
 *                                             (Hyndman and Koehler 2006, eq. for MASE)
 *   smape = 100 mean 2 |f - y| / (|y| + |f|)   in percent, 0..200; a pair with y = f = 0 counts 0
 * </pre>
 * A zero {@code sd} or {@code scale} gives 0 when the errors are zero too, else infinity. Stateless.
 */
final class ForecastMetrics {
    static final String[] NAMES = {"rmse", "nrmse", "mae", "mase", "smape"};

    private ForecastMetrics() {
    }

    /** Puts the five metrics, each named {@code prefix + name}, into {@code out}. */
    static void put(Map<String, Double> out, String prefix, double[] y, double[] f, double maseScale) {
        double rmse = rmse(y, f);
        double mae = mae(y, f);
        out.put(prefix + "rmse", rmse);
        out.put(prefix + "nrmse", ratio(rmse, sd(y)));
        out.put(prefix + "mae", mae);
        out.put(prefix + "mase", ratio(mae, maseScale));
        out.put(prefix + "smape", smape(y, f));
    }

    static double rmse(double[] y, double[] f) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (f[i] - y[i]) * (f[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }

    static double mae(double[] y, double[] f) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(f[i] - y[i]);
        }
        return s / y.length;
    }

    static double smape(double[] y, double[] f) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = Math.abs(y[i]) + Math.abs(f[i]);
            s += d == 0 ? 0 : 2 * Math.abs(f[i] - y[i]) / d;
        }
        return 100 * s / y.length;
    }

    static double sd(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / y.length);
    }

    /** {@code error / scale}; 0 when both are 0, infinity when only the scale is. */
    static double ratio(double error, double scale) {
        if (scale > 0) {
            return error / scale;
        }
        return error == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
}
