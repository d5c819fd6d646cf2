package io.engram.app.speechsynthesis.internal;

import io.engram.api.Hyperparameters;

/**
 * The validated {@code data.*} settings of a synthesis job that shape its features and metrics.
 * Immutable.
 *
 * @param rate       sample rate every WAV file must have, Hz
 * @param fft        FFT and window length, samples
 * @param hop        hop between frames, samples
 * @param mels       mel bands
 * @param perStep    frames written per decoder step (Tacotron's reduction factor r)
 * @param phonemes   whether the input symbols are the manifest's phonemes (else the text's characters)
 * @param ceps       mel-cepstral coefficients of the MCD (c_1 .. c_ceps)
 * @param iterations Griffin-Lim iterations
 * @param audioDir   where evaluation writes WAV files (empty: nowhere)
 * @param audioCount how many utterances of an evaluated set are written
 */
record Settings(int rate, int fft, int hop, int mels, int perStep, boolean phonemes, int ceps, int iterations,
                String audioDir, int audioCount) {

    static Settings of(Hyperparameters h) {
        int rate = h.getInt("sample.rate");
        return new Settings(rate, h.getInt("fft"), (int) Math.round(rate * h.getDouble("hop.ms") / 1000),
                h.getInt("mels"), h.getInt("frames.per.step"), h.getString("input").equals("phonemes"),
                h.getInt("ceps"), h.getInt("griffin.lim.iterations"), h.getString("audio.dir").trim(),
                h.getInt("audio.count"));
    }

    /** Network outputs per step: {@code perStep} frames of {@code mels} and the stop flag. */
    int outputs() {
        return perStep * mels + 1;
    }

    Stft stft() {
        return new Stft(fft, Math.max(1, Math.min(hop, fft)));
    }
}
