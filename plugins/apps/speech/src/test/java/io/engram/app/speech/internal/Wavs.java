package io.engram.app.speech.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small WAV files for the tests: PCM 8/16-bit or mu-law, any channels and rate. */
final class Wavs {
    private Wavs() {
    }

    /** A RIFF/WAVE file of format {@code code} with {@code channels} interleaved channels of {@code samples}. */
    static byte[] wav(int code, int channels, int rate, int bits, double[][] samples) {
        int frames = samples[0].length;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                double v = samples[c][i];
                if (code == 7) {
                    data.put(MuLaw.encode((int) Math.round(v * 32767)));
                } else if (bits == 8) {
                    data.put((byte) Math.max(0, Math.min(255, Math.round(v * 128 + 128))));
                } else {
                    data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
                }
            }
        }
        return riff(fmt(code, channels, rate, bits), chunk("data", data.array()));
    }

    /** Mono 16-bit PCM. */
    static byte[] pcm16(int rate, double[] samples) {
        return wav(1, 1, rate, 16, new double[][] {samples});
    }

    static byte[] fmt(int code, int channels, int rate, int bits) {
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        f.putShort((short) code).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        return chunk("fmt ", f.array());
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(head.array());
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** {@code seconds} of a sine of {@code hz} at {@code rate}, amplitude {@code a}. */
    static double[] sine(double hz, int rate, double seconds, double a) {
        double[] x = new double[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = a * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
