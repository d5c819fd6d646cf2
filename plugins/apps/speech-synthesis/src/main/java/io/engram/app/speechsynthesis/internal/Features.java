package io.engram.app.speechsynthesis.internal;

/**
 * Log-mel frames of audio and audio of log-mel frames: the STFT power through the mel filterbank
 * ({@link MelBank#logMel}); back, the pseudo-inverse of the filterbank gives a power spectrum whose
 * square root the Griffin-Lim vocoder turns into a signal ({@link GriffinLim}). Immutable and
 * thread-safe.
 */
final class Features {
    private final Settings settings;
    private final Stft stft;
    private final MelBank bank;

    Features(Settings settings) {
        this.settings = settings;
        this.stft = settings.stft();
        this.bank = new MelBank(settings.mels(), stft.bins(), settings.rate());
    }

    MelBank bank() {
        return bank;
    }

    Stft stft() {
        return stft;
    }

    /** The log-mel frames {@code [frames][mels]} of {@code audio}. */
    double[][] logMel(double[] audio) {
        return bank.logMel(stft.power(audio));
    }

    /** Audio at the job's rate whose log-mel frames approximate {@code logMel}. */
    Audio audio(double[][] logMel, long seed) {
        double[][] power = bank.power(logMel);
        double[][] magnitude = new double[power.length][];
        for (int m = 0; m < power.length; m++) {
            magnitude[m] = new double[power[m].length];
            for (int k = 0; k < power[m].length; k++) {
                magnitude[m][k] = Math.sqrt(power[m][k]);
            }
        }
        double[] x = GriffinLim.signal(stft, magnitude, settings.iterations(), seed);
        double peak = 0;
        for (double v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 0.99) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= 0.99 / peak;
            }
        }
        return new Audio(x, settings.rate());
    }
}
