package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Mel-cepstral distortion against values worked by hand. */
class McdTest {
    private static final double K = 10 / Math.log(10);

    private static double[] frame(double level, double d1) {
        double[] f = new double[20];
        for (int i = 0; i < 20; i++) {
            f[i] = level + d1 * Math.cos(Math.PI * (i + 0.5) / 20);
        }
        return f;
    }

    @Test
    void energyIsLeftOutAndOneCoefficientGivesItsDistance() {
        assertEquals(0, Mcd.frame(frame(1, 0.3), frame(-4, 0.3), 12), 1e-12, "a level change is c0 alone");
        // a cosine of order 1 with amplitude a across the bands has c1 = a / 2 (the cepstrum's scale),
        // of the log energies; the log amplitudes are half those: a / 4
        double c1 = 0.5 / 4;
        assertEquals(c1, Mcd.cepstrum(frame(0, 0.5), 12)[1], 1e-12);
        assertEquals(K * Math.sqrt(2) * c1, Mcd.frame(frame(0, 0.5), frame(0, 0), 12), 1e-9);
        assertEquals(K * Math.sqrt(2) * c1 / 2, Mcd.of(new double[][] {frame(0, 0.5), frame(2, 0)},
                new double[][] {frame(0, 0), frame(0, 0)}, 12), 1e-9, "the mean over frames");
    }

    @Test
    void unequalLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Mcd.of(new double[2][20], new double[3][20], 12));
    }
}
