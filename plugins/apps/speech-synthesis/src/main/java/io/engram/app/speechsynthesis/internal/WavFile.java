package io.engram.app.speechsynthesis.internal;

import io.engram.train.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * RIFF/WAVE files (the Microsoft multimedia format): reads PCM 8-bit (unsigned), PCM 16-bit (signed,
 * little-endian) and G.711 mu-law (format 7), any channel count (channels are averaged), and writes
 * mono PCM 16-bit, to a temporary name renamed over the target ({@link DurableFiles#write}), so a
 * reader never sees half a file. A malformed file is refused with an {@link IllegalArgumentException}
 * naming the byte offset of the fault. Stateless and thread-safe.
 */
final class WavFile {
    private static final int PCM = 1;
    private static final int MU_LAW = 7;

    private WavFile() {
    }

    /** The audio of the WAV bytes {@code b}; {@code name} prefixes every message. */
    static Audio read(String name, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw bad(name, 0, "not a RIFF/WAVE file (expected 'RIFF' at byte 0 and 'WAVE' at byte 8)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= b.length) {
            String id = tag(b, at);
            long size = Integer.toUnsignedLong(buf.getInt(at + 4));
            int body = at + 8;
            if (body + size > b.length) {
                throw bad(name, at + 4, "chunk '" + id + "' claims " + size + " bytes, only " + (b.length - body)
                        + " follow");
            }
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw bad(name, at + 4, "fmt chunk of " + size + " bytes, at least 16 expected");
                }
                format = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (format == 0xFFFE && size >= 26) {
                    format = Short.toUnsignedInt(buf.getShort(body + 24));
                }
                boolean known = format == PCM && (bits == 8 || bits == 16) || format == MU_LAW && bits == 8;
                if (!known) {
                    throw bad(name, body, "format " + format + " with " + bits + " bits per sample; PCM 8 or 16 "
                            + "bits (format 1) or mu-law 8 bits (format 7) expected");
                }
                if (channels < 1 || rate < 1) {
                    throw bad(name, body + 2, channels + " channels at " + rate + " Hz");
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw bad(name, at, "data chunk before the fmt chunk");
                }
                return new Audio(samples(b, body, (int) size, format, bits, channels), rate);
            }
            at = body + (int) size + (int) (size & 1);
        }
        throw bad(name, b.length, format < 0 ? "no fmt chunk" : "no data chunk");
    }

    private static double[] samples(byte[] b, int from, int size, int format, int bits, int channels) {
        int width = bits / 8;
        int frames = size / (width * channels);
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = from + (i * channels + c) * width;
                sum += format == MU_LAW ? muLaw(b[at]) : bits == 8 ? ((b[at] & 0xFF) - 128) / 128.0
                        : (short) ((b[at] & 0xFF) | (b[at + 1] << 8)) / 32768.0;
            }
            out[i] = sum / channels;
        }
        return out;
    }

    /** G.711 mu-law expansion of one byte to {@code [-1, 1]}. */
    static double muLaw(byte code) {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84 << ((u & 0x70) >> 4)) - 0x84;
        return ((u & 0x80) != 0 ? -magnitude : magnitude) / 32768.0;
    }

    /** The bytes of {@code audio} as a mono PCM 16-bit WAV file, samples clipped to {@code [-1, 1]}. */
    static byte[] bytes(Audio audio) {
        double[] x = audio.samples();
        ByteBuffer data = ByteBuffer.allocate(44 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * x.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) PCM)
                .putShort((short) 1).putInt(audio.rate()).putInt(2 * audio.rate()).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * x.length);
        for (double v : x) {
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return data.array();
    }

    /** Writes {@code audio} to {@code file} atomically (a temporary file renamed over it). */
    static void write(Path file, Audio audio) throws IOException {
        DurableFiles.write(file, bytes(audio), "rw-r--r--");
    }

    private static String tag(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static IllegalArgumentException bad(String name, int offset, String message) {
        return new IllegalArgumentException(name + ": byte " + offset + ": " + message);
    }
}
