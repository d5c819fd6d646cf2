package io.engram.app.speech.internal;

/**
 * Log-mel filterbank energies or MFCCs (Davis and Mermelstein 1980) with deltas, normalised per
 * utterance, as {@link FeatureSettings} says:
 * <ol>
 *   <li>frames of {@code W = round(rate * window.ms / 1000)} samples every
 *   {@code H = round(rate * hop.ms / 1000)} ({@code 1 + floor((n - W) / H)} frames, the first at sample 0,
 *   no centring; a signal shorter than one window is one zero-padded frame); no pre-emphasis, no dither;</li>
 *   <li>a periodic window, Hann {@code 0.5 - 0.5 cos(2 pi j / W)} or Hamming
 *   {@code 0.54 - 0.46 cos(2 pi j / W)}, {@code j = 0 .. W-1};</li>
 *   <li>the power spectrum {@code |FFT_nfft(frame)|^2} ({@link Fft}), bins {@code 0 .. nfft/2};</li>
 *   <li>{@code mels} HTK-mel triangular band energies ({@link MelFilterbank}) and their natural log,
 *   {@code ln max(E, 1e-10)}: the {@code logmel} features;</li>
 *   <li>for {@code mfcc}, the orthonormal DCT-II of the log energies,
 *   {@code c_i = s_i sum_m L_m cos(pi i (m + 1/2) / M)} with {@code s_0 = sqrt(1/M)},
 *   {@code s_i = sqrt(2/M)}, keeping {@code c_0 .. c_{ceps-1}};</li>
 *   <li>deltas by regression over {@code +-2} frames (HTK Book eq. 5.16),
 *   {@code d_t = sum_{k=1,2} k (c_{t+k} - c_{t-k}) / 10}, frames beyond the ends replaced by the first or
 *   last; delta-deltas are the deltas of the deltas; a frame is {@code [c, d, dd]};</li>
 *   <li>per-utterance normalisation of each value: {@code (x - mean) / sqrt(variance + 1e-10)} over the
 *   utterance's frames (population variance);</li>
 *   <li>{@code stack} consecutive frames concatenated into one step, every {@code stack}-th frame
 *   starting one ({@code ceil(frames / stack)} steps; the last step repeats the last frame as needed).</li>
 * </ol>
 * {@code benchmarks/speech/features_reference.py} computes the same from these definitions in numpy.
 * Immutable and thread-safe.
 */
final class Features {
    private final FeatureSettings settings;
    private final MelFilterbank filters;
    private final double[] window;

    Features(FeatureSettings settings) {
        this.settings = settings;
        this.filters = MelFilterbank.of(settings.rate(), settings.fftLength(), settings.mels());
        int w = settings.windowSamples();
        this.window = new double[w];
        double a = settings.window().equals("hamming") ? 0.54 : 0.5;
        for (int j = 0; j < w; j++) {
            window[j] = a - (1 - a) * Math.cos(2 * Math.PI * j / w);
        }
    }

    /** The feature sample rate. */
    int rate() {
        return settings.rate();
    }

    /** The first mel band no FFT bin falls in (0-based), or -1. */
    int emptyBand() {
        return filters.emptyBand();
    }

    /** The steps of {@code audio} (already at the feature rate), {@code [steps][inputSize]}. */
    double[][] of(Audio audio) {
        double[][] base = base(audio.samples());
        double[][] frames = withDeltas(base, settings.deltas());
        normalise(frames);
        return stacked(frames, settings.stack());
    }

    /** Log-mel or MFCC values per frame, before deltas. */
    double[][] base(double[] x) {
        int w = settings.windowSamples();
        int h = settings.hopSamples();
        int count = x.length < w ? 1 : 1 + (x.length - w) / h;
        double[][] out = new double[count][];
        double[] frame = new double[w];
        for (int f = 0; f < count; f++) {
            for (int j = 0; j < w; j++) {
                int i = f * h + j;
                frame[j] = i < x.length ? x[i] * window[j] : 0;
            }
            double[] e = filters.apply(Fft.power(frame, settings.fftLength()));
            for (int m = 0; m < e.length; m++) {
                e[m] = Math.log(Math.max(e[m], 1e-10));
            }
            out[f] = settings.kind().equals("mfcc") ? dct(e, settings.ceps()) : e;
        }
        return out;
    }

    static double[] dct(double[] log, int keep) {
        int m = log.length;
        double[] c = new double[keep];
        for (int i = 0; i < keep; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += log[j] * Math.cos(Math.PI * i * (j + 0.5) / m);
            }
            c[i] = s * Math.sqrt((i == 0 ? 1.0 : 2.0) / m);
        }
        return c;
    }

    /** Frames {@code [c, d, dd]} up to {@code order} (0, 1 or 2). */
    static double[][] withDeltas(double[][] c, int order) {
        double[][] d = order >= 1 ? delta(c) : null;
        double[][] dd = order >= 2 ? delta(d) : null;
        int n = c[0].length;
        double[][] out = new double[c.length][n * (1 + order)];
        for (int t = 0; t < c.length; t++) {
            System.arraycopy(c[t], 0, out[t], 0, n);
            if (d != null) {
                System.arraycopy(d[t], 0, out[t], n, n);
            }
            if (dd != null) {
                System.arraycopy(dd[t], 0, out[t], 2 * n, n);
            }
        }
        return out;
    }

    static double[][] delta(double[][] c) {
        int frames = c.length;
        double[][] d = new double[frames][c[0].length];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < c[0].length; i++) {
                double s = 0;
                for (int k = 1; k <= 2; k++) {
                    s += k * (c[Math.min(frames - 1, t + k)][i] - c[Math.max(0, t - k)][i]);
                }
                d[t][i] = s / 10;
            }
        }
        return d;
    }

    static void normalise(double[][] frames) {
        int n = frames[0].length;
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] f : frames) {
                mean += f[i];
            }
            mean /= frames.length;
            double var = 0;
            for (double[] f : frames) {
                var += (f[i] - mean) * (f[i] - mean);
            }
            double sd = Math.sqrt(var / frames.length + 1e-10);
            for (double[] f : frames) {
                f[i] = (f[i] - mean) / sd;
            }
        }
    }

    static double[][] stacked(double[][] frames, int stack) {
        if (stack == 1) {
            return frames;
        }
        int n = frames[0].length;
        int steps = (frames.length + stack - 1) / stack;
        double[][] out = new double[steps][n * stack];
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < stack; j++) {
                System.arraycopy(frames[Math.min(frames.length - 1, s * stack + j)], 0, out[s], j * n, n);
            }
        }
        return out;
    }
}
