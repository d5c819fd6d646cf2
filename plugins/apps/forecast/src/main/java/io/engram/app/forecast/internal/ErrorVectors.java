package io.engram.app.forecast.internal;

/**
 * The error vectors of Malhotra, Vig, Shroff and Agarwal (2015, "Long short term memory networks for
 * anomaly detection in time series", ESANN, section 2): with forecasts from consecutive origins
 * {@code o0, o0 + 1, ...} over {@code H} steps, step {@code t} is predicted {@code H} times, at
 * horizon step {@code h} from origin {@code t - h}; its error vector is
 * {@code e(t) = [y(t) - f_{t-h}(t)]} over {@code h = 0 .. H - 1} and the channels, of length
 * {@code H * channels}. Only steps predicted from all {@code H} origins get one: {@code t} from
 * {@code o0 + H - 1} to the last origin. Stateless.
 */
final class ErrorVectors {
    private ErrorVectors() {
    }

    /**
     * @param errors {@code [origin][h][c]} truth minus forecast, origins consecutive from {@code origin0}
     * @return {@code [t - (origin0 + H - 1)][h * channels + c]}
     */
    static double[][] of(double[][][] errors) {
        int n = errors.length;
        int horizon = n == 0 ? 1 : errors[0].length;
        int channels = n == 0 ? 1 : errors[0][0].length;
        int steps = Math.max(0, n - horizon + 1);
        double[][] out = new double[steps][horizon * channels];
        for (int k = 0; k < steps; k++) {
            int i = k + horizon - 1;
            for (int h = 0; h < horizon; h++) {
                System.arraycopy(errors[i - h][h], 0, out[k], h * channels, channels);
            }
        }
        return out;
    }

    /** The step whose error vector is row {@code k}. */
    static int step(int origin0, int horizon, int k) {
        return origin0 + horizon - 1 + k;
    }
}
