package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The STFT and its inverse, the mel filterbank and its pseudo-inverse, and the Griffin-Lim vocoder. */
class SpectralTest {
    private static final int RATE = 8000;

    /** A chirp from 200 to 1800 Hz under two harmonics, 0.4 s. */
    static double[] signal() {
        double[] x = new double[3200];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double f = 200 + 1600.0 * i / x.length;
            phase += 2 * Math.PI * f / RATE;
            x[i] = 0.4 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.1 * Math.sin(3 * phase);
        }
        return x;
    }

    @Test
    void theInverseStftGivesTheSignalBack() {
        Stft stft = new Stft(256, 80);
        double[] x = signal();
        double[][][] s = stft.forward(x);
        double[] back = stft.inverse(s[0], s[1], x.length);
        assertEquals(0, back[0], "the periodic Hann window is 0 at the first sample");
        // from sample 16 on the first window's square is above the floor: exact there
        assertArrayEquals(java.util.Arrays.copyOfRange(x, 16, x.length), java.util.Arrays.copyOfRange(back, 16,
                x.length), 1e-9);
        for (int i = 0; i < 16; i++) {
            assertTrue(Math.abs(back[i]) <= Math.abs(x[i]) + 1e-12, "faded in at sample " + i);
        }
    }

    @Test
    void theFftMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(3);
        double[] re = new double[16];
        double[] im = new double[16];
        for (int i = 0; i < 16; i++) {
            re[i] = r.nextDouble() - 0.5;
        }
        double[] x = re.clone();
        Stft.fft(re, im, false);
        for (int k = 0; k < 16; k++) {
            double sr = 0;
            double si = 0;
            for (int n = 0; n < 16; n++) {
                sr += x[n] * Math.cos(-2 * Math.PI * k * n / 16);
                si += x[n] * Math.sin(-2 * Math.PI * k * n / 16);
            }
            assertEquals(sr, re[k], 1e-12);
            assertEquals(si, im[k], 1e-12);
        }
    }

    @Test
    void theMelOfThePseudoInverseGivesTheMelEnergiesBack() {
        MelBank bank = new MelBank(32, 129, RATE);
        assertEquals(-1, bank.emptyBand());
        assertEquals(1000, MelBank.hertz(MelBank.mel(1000)), 1e-9);
        assertEquals(1000, MelBank.mel(1000), 0.5, "HTK: 1000 Hz is about 1000 mel");
        double[][] logMel = bank.logMel(new Stft(256, 80).power(signal()));
        double[][] again = bank.logMel(bank.power(logMel));
        double diff = 0;
        double norm = 0;
        for (int m = 0; m < logMel.length; m++) {
            for (int j = 0; j < 32; j++) {
                double e = Math.exp(logMel[m][j]);
                diff += Math.pow(Math.exp(again[m][j]) - e, 2);
                norm += e * e;
            }
        }
        double relative = Math.sqrt(diff / norm);
        assertTrue(relative < 0.2, "mel energies come back within 20% (the clipping of negative power costs 12%): " + relative);
        assertEquals(1, new MelBank(128, 33, RATE).emptyBand() >= 0 ? 1 : 0, "128 bands over 33 bins leave one empty");
    }

    @Test
    void griffinLimReconstructsAKnownSpectrogram() {
        Stft stft = new Stft(256, 64);
        double[] x = signal();
        double[][][] s = stft.forward(x);
        double[][] magnitude = new double[s[0].length][stft.bins()];
        for (int m = 0; m < magnitude.length; m++) {
            for (int k = 0; k < stft.bins(); k++) {
                magnitude[m][k] = Math.hypot(s[0][m][k], s[1][m][k]);
            }
        }
        double start = GriffinLim.spectralConvergence(stft, GriffinLim.signal(stft, magnitude, 0, 1), magnitude);
        double[] y = GriffinLim.signal(stft, magnitude, 60, 1);
        double end = GriffinLim.spectralConvergence(stft, y, magnitude);
        assertTrue(start > 0.3, "random phases: " + start);
        assertTrue(end < 0.12, "after 60 iterations the spectral convergence is " + end);
        assertArrayEquals(y, GriffinLim.signal(stft, magnitude, 60, 1), "seeded: the same signal again");
    }

    /**
     * The word "ten" of the fixture through the whole vocoder (log-mel frames, the pseudo-inverse, 32
     * Griffin-Lim iterations) and analysed again: its mel-cepstral distortion from the original frames
     * is 1.11 dB, against 3.42 for the word's middle frame held throughout.
     */
    @Test
    void theVocoderKeepsASpokenWordsMelFramesClose() throws Exception {
        java.nio.file.Path wav = SpeechSynthesisConformanceTest.corpus("wav/n010.wav");
        Audio word = WavFile.read(wav.toString(), java.nio.file.Files.readAllBytes(wav));
        Settings settings = Settings.of(SynthesisData.validated(java.util.Map.of("manifest", "m.tsv")));
        Features features = new Features(settings);
        double[][] logMel = features.logMel(word.samples());
        Audio back = features.audio(logMel, 3);
        assertEquals(8000, back.rate());
        assertEquals(logMel.length * settings.hop(), back.samples().length);
        double[][] again = java.util.Arrays.copyOf(features.logMel(back.samples()), logMel.length);
        double vocoded = Mcd.of(again, logMel, settings.ceps());
        double[][] flat = new double[logMel.length][];
        java.util.Arrays.fill(flat, logMel[logMel.length / 2]);
        double constant = Mcd.of(flat, logMel, settings.ceps());
        assertTrue(vocoded < 1.5 && vocoded < constant / 2, "vocoder " + vocoded + " dB (1.11 when written), its "
                + "middle frame everywhere " + constant + " dB (3.42)");
    }
}
