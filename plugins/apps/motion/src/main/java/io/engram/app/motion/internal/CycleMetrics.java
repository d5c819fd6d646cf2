package io.engram.app.motion.internal;

/**
 * The limit-cycle metrics of one sequence (see {@link LimitCycleApplication}): the generated period,
 * its relative error, the relative amplitude error and the mean squared error. Stateless.
 */
final class CycleMetrics {

    private CycleMetrics() {
    }

    /** {@code {period, period.error, amplitude.error, mse}} of {@code outputs} against {@code targets}, both {@code [time][d]}. */
    static double[] of(double[][] targets, double[][] outputs) {
        int n = targets.length;
        int d = targets[0].length;
        double[] target = Oscillations.column(targets, 0);
        double[] generated = Oscillations.column(outputs, 0);
        int from = n / 2;
        double targetPeriod = Oscillations.period(target, from, n);
        if (targetPeriod == 0) {
            from = 0;
            targetPeriod = Oscillations.period(target, 0, n);
        }
        double period = Oscillations.period(generated, from, n);
        double periodError = targetPeriod == 0 ? (period == 0 ? 0 : 1) : period == 0 ? 1
                : Math.abs(period - targetPeriod) / targetPeriod;
        int last = targetPeriod == 0 ? n - from : (int) Math.min(n, Math.ceil(targetPeriod));
        double amplitudeError = 0;
        double mse = 0;
        for (int o = 0; o < d; o++) {
            double want = Oscillations.amplitude(Oscillations.column(targets, o), n - last, n);
            double got = Oscillations.amplitude(Oscillations.column(outputs, o), n - last, n);
            amplitudeError += (want == 0 ? got : Math.abs(got - want) / want) / d;
            for (int t = 0; t < n; t++) {
                mse += Math.pow(outputs[t][o] - targets[t][o], 2) / ((double) n * d);
            }
        }
        return new double[] {period, periodError, amplitudeError, mse};
    }
}
