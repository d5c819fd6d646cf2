package io.engram.app.forecast.internal;

/**
 * The Mackey-Glass delay differential equation (Mackey and Glass 1977, "Oscillation and chaos in
 * physiological control systems", Science 197, eq. 4b), chaotic for {@code tau} above about 16.8:
 * <pre>
 *   dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t)        beta = 0.2, gamma = 0.1, n = 10
 * </pre>
 * integrated with step {@code dt} from the constant history {@code x(t) = x0} for {@code t <= 0},
 * and sampled every {@code subsample} steps. {@code euler} is the scheme of Jaeger's echo state
 * network papers (Jaeger 2001, section 6.5; Jaeger and Haas 2004: {@code dt = 0.1}, every 10th value
 * kept, one sample per time unit); {@code rk4} is fourth-order Runge-Kutta with the delayed value
 * held over the step, as ReservoirPy's {@code mackey_glass} integrates it ({@code dt = 1}, every value
 * kept). The delay is {@code round(tau / dt)} steps. Stateless.
 */
final class MackeyGlass {
    static final double BETA = 0.2;
    static final double GAMMA = 0.1;
    static final double N = 10;

    private MackeyGlass() {
    }

    /** {@code samples} values {@code x(k * subsample * dt)}, {@code k = 0, 1, ...}. */
    static double[] series(int samples, double tau, double dt, int subsample, boolean rk4, double x0) {
        int delay = Math.max(1, (int) Math.round(tau / dt));
        int steps = samples * subsample;
        double[] x = new double[delay + steps + 1];
        java.util.Arrays.fill(x, 0, delay + 1, x0);
        for (int k = delay; k < delay + steps; k++) {
            double lagged = x[k - delay];
            x[k + 1] = rk4 ? rk4(x[k], lagged, dt) : x[k] + dt * rate(x[k], lagged);
        }
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = x[delay + i * subsample];
        }
        return out;
    }

    private static double rate(double x, double lagged) {
        return BETA * lagged / (1 + Math.pow(lagged, N)) - GAMMA * x;
    }

    private static double rk4(double x, double lagged, double h) {
        double k1 = h * rate(x, lagged);
        double k2 = h * rate(x + 0.5 * k1, lagged);
        double k3 = h * rate(x + 0.5 * k2, lagged);
        double k4 = h * rate(x + k3, lagged);
        return x + (k1 + 2 * k2 + 2 * k3 + k4) / 6;
    }
}
