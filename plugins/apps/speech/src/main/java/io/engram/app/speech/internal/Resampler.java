package io.engram.app.speech.internal;

/**
 * Band-limited resampling by windowed-sinc interpolation (Smith, "Digital Audio Resampling Home
 * Page", 2002; Oppenheim and Schafer, "Discrete-Time Signal Processing", sec. 4.6): output sample
 * {@code n} sits at input time {@code t = n * from / to} and is
 * <pre>
 *   y[n] = sum_k x[k] * 2 fc sinc(2 fc (t - k)) * w((t - k) / W),    sinc(u) = sin(pi u) / (pi u)
 * </pre>
 * with the cutoff {@code fc = 0.5 * min(1, to / from) * }{@value #ROLLOFF} cycles per input sample (below
 * the lower of the two Nyquist frequencies, so that downsampling does not alias), a Kaiser window
 * {@code w(u) = I0(beta sqrt(1 - u^2)) / I0(beta)} with {@code beta = }{@value #BETA} (stop band about
 * -80 dB) over {@code |t - k| < W = }{@value #ZEROS}{@code  / (2 fc)} input samples ({@value #ZEROS}
 * zero crossings of the sinc on each side), and samples outside the signal taken as 0. The output has
 * {@code floor(length * to / from)} samples; equal rates return the input. Stateless and thread-safe.
 */
final class Resampler {
    static final double ROLLOFF = 0.95;
    static final double BETA = 8.0;
    static final int ZEROS = 16;

    private Resampler() {
    }

    /** {@code audio} at {@code rate} samples per second. */
    static Audio to(Audio audio, int rate) {
        if (audio.rate() == rate) {
            return audio;
        }
        double[] x = audio.samples();
        int from = audio.rate();
        double fc = 0.5 * Math.min(1.0, rate / (double) from) * ROLLOFF;
        double half = ZEROS / (2 * fc);
        double norm = besselI0(BETA);
        double[] y = new double[(int) ((long) x.length * rate / from)];
        for (int n = 0; n < y.length; n++) {
            double t = n * (double) from / rate;
            int lo = Math.max(0, (int) Math.ceil(t - half));
            int hi = Math.min(x.length - 1, (int) Math.floor(t + half));
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                double d = t - k;
                double u = d / half;
                double w = besselI0(BETA * Math.sqrt(Math.max(0, 1 - u * u))) / norm;
                sum += x[k] * 2 * fc * sinc(2 * fc * d) * w;
            }
            y[n] = sum;
        }
        return new Audio(y, rate);
    }

    private static double sinc(double u) {
        return u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int k = 1; k < 60 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
