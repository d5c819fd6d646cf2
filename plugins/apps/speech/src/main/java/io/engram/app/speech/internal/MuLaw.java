package io.engram.app.speech.internal;

/**
 * G.711 mu-law (ITU-T Recommendation G.711, 1988): one byte to a 16-bit linear sample. The byte is
 * stored inverted; its top bit is the sign, the next three the segment (exponent) and the low four the
 * step within it: {@code |s| = ((step << 3) + 0x84 << segment) - 0x84}, from 0 to 32124. Stateless.
 */
final class MuLaw {
    private MuLaw() {
    }

    /** The linear sample of mu-law byte {@code b}, in {@code [-32124, 32124]}. */
    static int decode(byte b) {
        int u = ~b & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84 << ((u >> 4) & 0x07)) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** The mu-law byte of a 16-bit linear sample (the inverse of {@link #decode} on its 256 values). */
    static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
        int segment = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int step = (magnitude >> (segment + 3)) & 0x0F;
        return (byte) ~(sign | segment << 4 | step);
    }
}
