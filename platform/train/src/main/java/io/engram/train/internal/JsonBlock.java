package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Parses a JSON block of a checkpoint (the metadata of versions 2 and 3, the trainer state of
 * version 3): the block must hold only printable ASCII and none of {@link SafeEscapes#NEVER_RAW},
 * so that a block a shell could take for commands is refused even under a valid checksum; a syntax
 * error names its byte offset. Stateless.
 */
final class JsonBlock {

    private JsonBlock() {
    }

    /** The JSON in {@code data[start, start + length)}; {@code what} names the block in messages. */
    static JsonNode parse(byte[] data, int start, int length, int version, String what) {
        String where = what + " starting at byte " + start;
        for (int i = start; i < start + length; i++) {
            int b = data[i] & 0xFF;
            if (b < 0x20 || b > 0x7E || SafeEscapes.NEVER_RAW.indexOf(b) >= 0) {
                throw new Malformed(where + ": byte " + i + " is " + String.format("0x%02X", b)
                        + ", which version " + version + " stores escaped");
            }
        }
        try {
            return JsonMetadata.MAPPER.readTree(data, start, length);
        } catch (JacksonException e) {
            long at = e.getLocation() == null || e.getLocation().getByteOffset() < 0 ? -1
                    : start + e.getLocation().getByteOffset();
            throw new Malformed(where + ": JSON syntax error" + (at < 0 ? "" : " at byte " + at) + ": "
                    + clip(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Malformed(where + ": " + clip(e.getMessage()));
        }
    }

    private static String clip(String message) {
        return quote(message == null ? "" : message.replace('\'', '"'));
    }
}
