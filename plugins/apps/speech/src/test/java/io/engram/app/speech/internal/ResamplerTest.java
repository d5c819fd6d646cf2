package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** The frequency in Hz where the DFT magnitude of the middle of {@code x} peaks, searched in 1 Hz steps. */
    private static double peak(double[] x, int rate, double from, double to) {
        int lo = x.length / 4;
        int hi = 3 * x.length / 4;
        double best = from;
        double bestPower = -1;
        for (double f = from; f <= to; f += 1) {
            double re = 0;
            double im = 0;
            for (int i = lo; i < hi; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - lo) / (hi - lo));
                re += w * x[i] * Math.cos(2 * Math.PI * f * i / rate);
                im += w * x[i] * Math.sin(2 * Math.PI * f * i / rate);
            }
            double p = re * re + im * im;
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    private static double rms(double[] x) {
        double s = 0;
        for (int i = x.length / 4; i < 3 * x.length / 4; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (x.length / 2));
    }

    @Test
    void aSineKeepsItsFrequencyAndAmplitudeUpAndDown() {
        Audio up = Resampler.to(new Audio(Wavs.sine(440, 8000, 0.25, 0.5), 8000), 16000);
        assertEquals(4000, up.samples().length);
        assertEquals(440, peak(up.samples(), 16000, 300, 600), 1.0);
        assertEquals(0.5 / Math.sqrt(2), rms(up.samples()), 0.005);
        Audio down = Resampler.to(new Audio(Wavs.sine(3000, 22050, 0.25, 0.5), 22050), 8000);
        assertEquals(2000, down.samples().length);
        assertEquals(3000, peak(down.samples(), 8000, 2800, 3200), 1.0);
        assertEquals(0.5 / Math.sqrt(2), rms(down.samples()), 0.01);
        // a sample of the upsampled sine lies on the continuous sine
        double t = 1001 / 16000.0;
        assertEquals(0.5 * Math.sin(2 * Math.PI * 440 * t), up.samples()[1001], 2e-3);
    }

    @Test
    void toneAboveTheNewNyquistIsRemovedNotAliased() {
        // 5500 Hz at 16 kHz would alias to 2500 Hz at 8 kHz
        Audio down = Resampler.to(new Audio(Wavs.sine(5500, 16000, 0.25, 0.5), 16000), 8000);
        assertTrue(rms(down.samples()) < 0.5 / Math.sqrt(2) * 1e-3, "rms " + rms(down.samples()));
    }

    @Test
    void equalRatesReturnTheInput() {
        Audio a = new Audio(new double[] {0.1, 0.2}, 8000);
        assertSame(a, Resampler.to(a, 8000));
        assertEquals(1.0, Resampler.besselI0(0), 0.0);
        assertEquals(11.301921952136330, Resampler.besselI0(4), 1e-12);
    }
}
