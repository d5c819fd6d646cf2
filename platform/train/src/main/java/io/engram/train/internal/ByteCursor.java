package io.engram.train.internal;

import io.engram.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded little-endian cursor over a checkpoint's bytes. Every read checks the bytes left
 * before it takes or allocates anything and fails with a {@link Malformed} naming the field and
 * the byte offset. Not thread-safe; one decode owns it.
 */
final class ByteCursor {
    /** The string length that stands for a missing value. */
    static final int NULL_STRING = -1;

    final byte[] data;
    final int limit;
    int pos;

    ByteCursor(byte[] data, int pos, int limit) {
        this.data = data;
        this.pos = pos;
        this.limit = limit;
    }

    /** Bytes left before the limit. */
    int remaining() {
        return limit - pos;
    }

    void need(long n, String field) {
        if (n > limit - pos) {
            throw Malformed.truncated(field + " at byte " + pos + " needs " + n + " bytes but the "
                    + (limit == data.length ? "file ends" : limit == data.length - CheckpointCodec.TRAILER
                    ? "data before the checksum trailer ends" : "enclosing block ends")
                    + " at byte " + limit);
        }
    }

    ByteCursor sub(int length, String field) {
        need(length, field);
        ByteCursor s = new ByteCursor(data, pos, pos + length);
        pos += length;
        return s;
    }

    int u8(String field) {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    int u32(String field) {
        need(4, field);
        int v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        pos += 4;
        return v;
    }

    /** A u32 that must fit a non-negative int. */
    int count(String field) {
        int at = pos;
        int v = u32(field);
        if (v < 0) {
            throw new Malformed(field + " at byte " + at + " is " + Integer.toUnsignedString(v)
                    + ", beyond any valid value");
        }
        return v;
    }

    /**
     * A count of items each at least {@code minBytes} long: refused when that many could not fit in
     * the bytes left.
     */
    int count(String field, int minBytes) {
        int at = pos;
        int v = count(field);
        if ((long) v * minBytes > remaining()) {
            throw new Malformed(field + " at byte " + at + " is " + v + ", but " + v + " entries need at least "
                    + (long) v * minBytes + " bytes and only " + remaining() + " remain");
        }
        return v;
    }

    long i64(String field) {
        need(8, field);
        long v = ByteBuffer.wrap(data, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        pos += 8;
        return v;
    }

    DType dtype(String field) {
        int at = pos;
        int code = u8(field);
        switch (code) {
            case 1: return DType.F32;
            case 2: return DType.F64;
            default:
                throw new Malformed(field + " at byte " + at + " has unknown code " + code
                        + " (expected 1 for f32 or 2 for f64)");
        }
    }

    /** A u32 byte count and that many bytes of UTF-8, or null for {@link #NULL_STRING}. */
    String str(String field) {
        int at = pos;
        int length = u32(field + " length");
        if (length == NULL_STRING) {
            return null;
        }
        if (length < 0) {
            throw new Malformed(field + " length at byte " + at + " is " + Integer.toUnsignedString(length)
                    + ", beyond any valid value");
        }
        need(length, field);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new Malformed(field + " at byte " + (at + 4) + " is not valid UTF-8");
        }
    }
}
