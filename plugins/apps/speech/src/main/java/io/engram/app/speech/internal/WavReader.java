package io.engram.app.speech.internal;

/**
 * Reads a RIFF/WAVE file (Microsoft's "Multimedia Programming Interface and Data Specifications
 * 1.0", 1991): the {@code RIFF} header and {@code WAVE} form type, then chunks ({@code id},
 * little-endian 32-bit {@code size}, body, a pad byte after an odd size); {@code fmt } must come before
 * {@code data}, other chunks ({@code LIST}, {@code fact}, ...) are skipped. Supported encodings:
 * PCM (format 1) with 8-bit unsigned or 16-bit signed little-endian samples, and G.711 mu-law
 * (format 7, 8 bits), also when wrapped in {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE, whose sub-format
 * GUID starts with the format code); any number of channels, averaged to mono; any sample rate.
 * Samples are scaled to {@code [-1, 1)}: 8-bit PCM {@code (b - 128) / 128}, 16-bit PCM and mu-law
 * {@code s / 32768}. Every error names the file and the byte offset where the file went wrong: a
 * header that is not RIFF/WAVE, a chunk or its body cut short, a format that is not supported, a
 * missing {@code fmt } or {@code data} chunk, a data size that is not a whole number of frames.
 * Stateless and thread-safe.
 */
final class WavReader {
    private static final int PCM = 1;
    private static final int MU_LAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /**
     * The audio in {@code bytes}, the contents of the file {@code name}.
     *
     * @throws WavException naming {@code name} and the byte offset at fault
     */
    static Audio read(String name, byte[] bytes) {
        if (bytes.length < 12) {
            throw new WavException(name, bytes.length, "truncated: a WAV file starts with a 12-byte RIFF header, "
                    + "the file has " + bytes.length + " bytes");
        }
        if (!tag(bytes, 0).equals("RIFF")) {
            throw new WavException(name, 0, "not a RIFF file (expected the tag RIFF)");
        }
        if (!tag(bytes, 8).equals("WAVE")) {
            throw new WavException(name, 8, "not a WAVE file (expected the form type WAVE)");
        }
        Format format = null;
        long at = 12;
        while (at + 8 <= bytes.length) {
            String id = tag(bytes, (int) at);
            long size = u32(bytes, (int) at + 4);
            long body = at + 8;
            if (id.equals("fmt ")) {
                checkBody(name, bytes, at, size);
                format = Format.of(name, bytes, (int) body, size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavException(name, at, "a data chunk before the fmt chunk");
                }
                checkBody(name, bytes, at, size);
                return new Audio(format.decode(name, bytes, (int) body, (int) size), format.rate);
            }
            at = body + size + (size & 1);
        }
        if (at < bytes.length) {
            throw new WavException(name, at, "truncated chunk header (" + (bytes.length - at) + " of 8 bytes)");
        }
        throw new WavException(name, bytes.length, format == null ? "no fmt chunk" : "no data chunk");
    }

    private static void checkBody(String name, byte[] bytes, long header, long size) {
        if (header + 8 + size > bytes.length) {
            throw new WavException(name, header + 4, "truncated: the " + tag(bytes, (int) header).trim()
                    + " chunk declares " + size + " bytes, " + (bytes.length - header - 8) + " remain");
        }
    }

    /** The sample format of a {@code fmt } chunk. */
    private record Format(int code, int channels, int rate, int bits, int block) {
        static Format of(String name, byte[] b, int at, long size) {
            if (size < 16) {
                throw new WavException(name, at - 4, "the fmt chunk has " + size + " bytes, at least 16 needed");
            }
            int code = u16(b, at);
            if (code == EXTENSIBLE) {
                if (size < 26) {
                    throw new WavException(name, at - 4, "an extensible fmt chunk has " + size
                            + " bytes, at least 26 needed");
                }
                code = u16(b, at + 24);
            }
            int channels = u16(b, at + 2);
            long rate = u32(b, at + 4);
            int block = u16(b, at + 12);
            int bits = u16(b, at + 14);
            if (code != PCM && code != MU_LAW) {
                throw new WavException(name, code == u16(b, at) ? at : at + 24, "format code " + code
                        + " is not supported (1 PCM, 7 mu-law)");
            }
            if (channels == 0) {
                throw new WavException(name, at + 2, "0 channels");
            }
            if (rate == 0 || rate > 1_000_000) {
                throw new WavException(name, at + 4, "sample rate " + rate + " Hz (1 to 1000000 supported)");
            }
            boolean supported = code == PCM ? bits == 8 || bits == 16 : bits == 8;
            if (!supported) {
                throw new WavException(name, at + 14, bits + " bits per sample are not supported "
                        + (code == PCM ? "for PCM (8 or 16)" : "for mu-law (8)"));
            }
            if (block != channels * bits / 8) {
                throw new WavException(name, at + 12, "block align " + block + " for " + channels + " channels of "
                        + bits + " bits (expected " + channels * bits / 8 + ")");
            }
            return new Format(code, channels, (int) rate, bits, block);
        }

        double[] decode(String name, byte[] b, int at, int size) {
            if (size % block != 0) {
                throw new WavException(name, (long) at + size - size % block, "the data ends inside a frame ("
                        + size + " bytes is not a whole number of " + block + "-byte frames)");
            }
            double[] out = new double[size / block];
            for (int i = 0; i < out.length; i++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    int p = at + i * block + c * bits / 8;
                    sum += code == MU_LAW ? MuLaw.decode(b[p]) / 32768.0
                            : bits == 8 ? ((b[p] & 0xFF) - 128) / 128.0
                            : (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768.0;
                }
                out[i] = sum / channels;
            }
            return out;
        }
    }

    private static String tag(byte[] b, int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
