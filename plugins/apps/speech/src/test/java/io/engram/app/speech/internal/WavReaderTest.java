package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavReaderTest {

    private static String error(byte[] bytes) {
        return assertThrows(WavException.class, () -> WavReader.read("x.wav", bytes)).getMessage();
    }

    @Test
    void sixteenBitPcmIsScaledBy32768() {
        byte[] b = Wavs.riff(Wavs.fmt(1, 1, 11025, 16), Wavs.chunk("data", new byte[] {0, 0, (byte) 0xFF, 0x7F, 0, (byte) 0x80,
                (byte) 0xFF, (byte) 0xFF}));
        Audio a = WavReader.read("x.wav", b);
        assertEquals(11025, a.rate());
        assertArrayEquals(new double[] {0, 32767 / 32768.0, -1, -1 / 32768.0}, a.samples(), 0.0);
    }

    @Test
    void eightBitPcmIsUnsignedAround128() {
        byte[] b = Wavs.riff(Wavs.fmt(1, 1, 8000, 8), Wavs.chunk("data", new byte[] {(byte) 128, 0, (byte) 255}));
        assertArrayEquals(new double[] {0, -1, 127 / 128.0}, WavReader.read("x.wav", b).samples(), 0.0);
    }

    @Test
    void stereoIsMixedDownToTheMeanAndOtherChunksAreSkipped() {
        double[][] lr = {{0.5, -0.25, 0.0}, {0.25, 0.25, -0.5}};
        byte[] wav = Wavs.wav(1, 2, 16000, 16, lr);
        // a LIST chunk of odd size (with its pad byte) between fmt and data
        byte[] fmt = Arrays.copyOfRange(wav, 12, 12 + 24);
        byte[] data = Arrays.copyOfRange(wav, 36, wav.length);
        byte[] b = Wavs.riff(fmt, Wavs.chunk("LIST", new byte[] {1, 2, 3}), data);
        double[] got = WavReader.read("x.wav", b).samples();
        for (int i = 0; i < 3; i++) {
            double l = Math.round(lr[0][i] * 32767) / 32768.0;
            double r = Math.round(lr[1][i] * 32767) / 32768.0;
            assertEquals((l + r) / 2, got[i], 1e-15, "frame " + i);
        }
    }

    @Test
    void muLawFollowsG711() {
        assertEquals(0, MuLaw.decode((byte) 0xFF));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals(-8, MuLaw.decode((byte) 0x7E));
        for (int b = 0; b < 256; b++) {
            int s = MuLaw.decode((byte) b);
            assertEquals(s, MuLaw.decode(MuLaw.encode(s)), "byte " + b);
        }
        byte[] wav = Wavs.riff(Wavs.fmt(7, 1, 8000, 8), Wavs.chunk("data", new byte[] {(byte) 0xFF, 0x00, (byte) 0x80}));
        assertArrayEquals(new double[] {0, -32124 / 32768.0, 32124 / 32768.0}, WavReader.read("x.wav", wav).samples(),
                0.0);
        double[] x = Wavs.sine(300, 8000, 0.05, 0.8);
        double[] back = WavReader.read("x.wav", Wavs.wav(7, 1, 8000, 8, new double[][] {x})).samples();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 0.03 * Math.abs(x[i]) + 1e-3, "sample " + i);
        }
    }

    @Test
    void malformedFilesNameTheFileAndTheByte() {
        byte[] good = Wavs.pcm16(8000, new double[] {0.1, 0.2, 0.3});
        assertEquals("x.wav: byte 5: truncated: a WAV file starts with a 12-byte RIFF header, the file has 5 bytes",
                error(Arrays.copyOf(good, 5)));
        byte[] notRiff = good.clone();
        notRiff[0] = 'X';
        assertEquals("x.wav: byte 0: not a RIFF file (expected the tag RIFF)", error(notRiff));
        byte[] notWave = good.clone();
        notWave[8] = 'A';
        assertEquals("x.wav: byte 8: not a WAVE file (expected the form type WAVE)", error(notWave));
        assertEquals("x.wav: byte 40: truncated: the data chunk declares 6 bytes, 4 remain",
                error(Arrays.copyOf(good, good.length - 2)));
        assertEquals("x.wav: byte 36: truncated chunk header (3 of 8 bytes)", error(Arrays.copyOf(good, 39)));
        byte[] floats = good.clone();
        floats[20] = 3;
        assertEquals("x.wav: byte 20: format code 3 is not supported (1 PCM, 7 mu-law)", error(floats));
        assertEquals("x.wav: byte 34: 24 bits per sample are not supported for PCM (8 or 16)",
                error(Wavs.riff(Wavs.fmt(1, 1, 8000, 24), Wavs.chunk("data", new byte[6]))));
        assertEquals("x.wav: byte 46: the data ends inside a frame (3 bytes is not a whole number of 2-byte frames)",
                error(Wavs.riff(Wavs.fmt(1, 1, 8000, 16), Wavs.chunk("data", new byte[3]))));
        assertEquals("x.wav: byte 12: a data chunk before the fmt chunk",
                error(Wavs.riff(Wavs.chunk("data", new byte[2]), Wavs.fmt(1, 1, 8000, 16))));
        assertEquals("x.wav: byte 36: no data chunk", error(Wavs.riff(Wavs.fmt(1, 1, 8000, 16))));
        assertEquals("x.wav: byte 24: sample rate 0 Hz (1 to 1000000 supported)",
                error(Wavs.riff(Wavs.fmt(1, 1, 0, 16), Wavs.chunk("data", new byte[2]))));
    }
}
