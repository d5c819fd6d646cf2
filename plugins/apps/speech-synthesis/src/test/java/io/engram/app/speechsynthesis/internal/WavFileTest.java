package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV reading and writing, and the byte named in each refusal. */
class WavFileTest {
    @TempDir
    Path dir;

    private static Audio tone() {
        double[] x = new double[800];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * Math.sin(2 * Math.PI * 440 * i / 8000.0);
        }
        return new Audio(x, 8000);
    }

    @Test
    void pcm16RoundTripsWithinOneQuantisationStep() throws IOException {
        Audio a = tone();
        Path file = dir.resolve("out/tone.wav");
        WavFile.write(file, a);
        Audio back = WavFile.read("tone.wav", Files.readAllBytes(file));
        assertEquals(8000, back.rate());
        assertArrayEquals(a.samples(), back.samples(), 1.0 / 32767);
        assertEquals(44 + 1600, Files.size(file));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file left beside the written one");
        }
    }

    @Test
    void muLawAndStereoAreDecoded() {
        assertEquals(0.0, WavFile.muLaw((byte) 0xFF), 1e-12);
        assertEquals(-32124 / 32768.0, WavFile.muLaw((byte) 0x00), 1e-12);
        assertEquals(32124 / 32768.0, WavFile.muLaw((byte) 0x80), 1e-12);
        byte[] stereo = header(1, 2, 16, 8);
        ByteBuffer.wrap(stereo, 44, 8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 16384).putShort((short) 0)
                .putShort((short) -16384).putShort((short) -16384);
        assertArrayEquals(new double[] {0.25, -0.5}, WavFile.read("s.wav", stereo).samples(), 1e-12);
    }

    @Test
    void badFilesNameTheByte() {
        assertMessage(new byte[] {'R', 'I', 'F', 'X', 0, 0, 0, 0, 'W', 'A', 'V', 'E'}, "byte 0: not a RIFF/WAVE");
        byte[] adpcm = header(2, 1, 4, 4);
        assertMessage(adpcm, "byte 20: format 2 with 4 bits");
        byte[] cut = Arrays.copyOf(header(1, 1, 16, 100), 60);
        assertMessage(cut, "byte 40: chunk 'data' claims 100 bytes, only 16 follow");
        byte[] noData = Arrays.copyOf(header(1, 1, 16, 0), 36);
        assertMessage(noData, "byte 36: no data chunk");
        byte[] zeroRate = header(1, 1, 16, 2);
        ByteBuffer.wrap(zeroRate).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0);
        assertMessage(zeroRate, "byte 22: 1 channels at 0 Hz");
    }

    private static void assertMessage(byte[] b, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavFile.read("x.wav", b));
        assertTrue(e.getMessage().startsWith("x.wav: " + expected), e.getMessage());
    }

    /** A 44-byte header and {@code data} bytes of zeros. */
    private static byte[] header(int format, int channels, int bits, int data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) format)
                .putShort((short) channels).putInt(8000).putInt(8000 * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits).put("data".getBytes()).putInt(data);
        return b.array();
    }
}
