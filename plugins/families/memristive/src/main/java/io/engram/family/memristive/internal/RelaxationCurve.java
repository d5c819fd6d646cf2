package io.engram.family.memristive.internal;

import java.util.List;

/**
 * An ensemble-averaged relaxation curve and its fits. For circuits whose rates are
 * {@code kappa_1..kappa_n} (out of {@code E} memristors each),
 * <pre>
 *   C(t) = < (1/E) sum_k e^(-kappa_k t) >_circuits
 * </pre>
 * is the mean over modes (hence over isotropic perturbations) of the relaxation
 * {@code e^(-K t)}: a superposition of exponentials, which follows a power law
 * {@code t^-gamma} where the rates' density behaves as {@code kappa^(gamma - 1)} over a range of
 * scales (Caravelli, Traversa and Di Ventra 2017). Immutable; thread-safe.
 */
final class RelaxationCurve {
    private final double[] times;
    private final double[] values;

    private RelaxationCurve(double[] times, double[] values) {
        this.times = times;
        this.values = values;
    }

    /** {@code C(t)} at {@code points} times spaced evenly in {@code log t} from {@code from} to {@code to}. */
    static RelaxationCurve of(List<double[]> rates, int memristors, double from, double to, int points) {
        double[] t = new double[points];
        double[] c = new double[points];
        for (int j = 0; j < points; j++) {
            t[j] = from * Math.pow(to / from, j / (points - 1.0));
            double acc = 0;
            for (double[] circuit : rates) {
                for (double kappa : circuit) {
                    acc += Math.exp(-kappa * t[j]);
                }
            }
            c[j] = acc / (memristors * (double) rates.size());
        }
        return new RelaxationCurve(t, c);
    }

    double[] times() {
        return times.clone();
    }

    double[] values() {
        return values.clone();
    }

    /** {@code d log C / d log t} between consecutive times: {@code points - 1} values. */
    double[] localSlopes() {
        double[] s = new double[times.length - 1];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.log(values[j + 1] / values[j]) / Math.log(times[j + 1] / times[j]);
        }
        return s;
    }

    /** The least-squares slope of {@code log C} against {@code log t}: minus the power law's exponent. */
    double powerLawSlope() {
        double[] lt = new double[times.length];
        double[] lc = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            lt[j] = Math.log(times[j]);
            lc[j] = Math.log(values[j]);
        }
        return LineFit.of(lt, lc).slope();
    }

    /** The best single exponential {@code a e^(-r t)} in the least squares of {@code log C}: its largest error in {@code log C}. */
    double exponentialMisfit() {
        double[] lc = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            lc[j] = Math.log(values[j]);
        }
        return LineFit.of(times, lc).largestResidual();
    }

    /** The best power law {@code a t^-gamma} in the least squares of {@code log C}: its largest error in {@code log C}. */
    double powerLawMisfit() {
        double[] lt = new double[times.length];
        double[] lc = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            lt[j] = Math.log(times[j]);
            lc[j] = Math.log(values[j]);
        }
        return LineFit.of(lt, lc).largestResidual();
    }
}
