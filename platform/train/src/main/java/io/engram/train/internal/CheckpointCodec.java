package io.engram.train.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoder and decoder of the checkpoint format specified in {@code io.engram.train.CheckpointFile}:
 * the frame (magic, version, metadata length, checksum trailer); the metadata block is
 * {@link JsonMetadata}'s (versions 2 and 3) or {@link BinaryMetadata}'s (version 1), the tensors
 * {@link TensorSection}'s, and in version 3 the payloads {@link PayloadSection}'s and the trainer
 * state {@link StateSection}'s. Stateless; each decode uses its own cursors.
 */
public final class CheckpointCodec {
    /** The version written. */
    public static final int FORMAT_VERSION = 3;
    /** The oldest version read. */
    public static final int OLDEST_VERSION = 1;
    static final byte[] MAGIC = "ENGRAMCK".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 16;
    static final int TRAILER = 32;

    private CheckpointCodec() {
    }

    public static byte[] encode(CheckpointMetadata meta, Map<String, Tensor> tensors) {
        return encode(meta, tensors, Payloads.empty(), null);
    }

    /** A version-3 file; {@code state} null when there is no trainer state. */
    public static byte[] encode(CheckpointMetadata meta, Map<String, Tensor> tensors, Payloads payloads,
                                TrainerState state) {
        byte[] metaBytes = JsonMetadata.write(meta);
        byte[] tensorBytes = TensorSection.write(tensors);
        byte[] payloadBytes = PayloadSection.write(payloads);
        byte[] stateBytes = StateSection.write(state);
        ByteBuffer body = ByteBuffer.allocate(HEADER + metaBytes.length + tensorBytes.length + payloadBytes.length
                + stateBytes.length + TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        body.put(MAGIC).putInt(FORMAT_VERSION).putInt(metaBytes.length).put(metaBytes).put(tensorBytes)
                .put(payloadBytes).put(stateBytes);
        byte[] file = body.array();
        System.arraycopy(sha256(file, file.length - TRAILER), 0, file, file.length - TRAILER, TRAILER);
        return file;
    }

    /**
     * Decodes and verifies a checkpoint. Every failure is an {@link IOException} whose message starts
     * with {@code checkpoint NAME: } and names the byte offset and field; no other exception escapes.
     *
     * @param name how to call the file in messages
     * @param ops  creates the tensors; null to skip them (metadata only, still verified)
     */
    public static Try<LoadedCheckpoint> decode(String name, byte[] data, Ops ops) {
        try {
            return Try.success(decodeOrThrow(data, ops));
        } catch (Malformed e) {
            String message = e.truncated && !e.getMessage().startsWith("truncated") ? "truncated: " + e.getMessage()
                    : e.getMessage();
            return Try.failure(new IOException("checkpoint " + name + ": " + message));
        }
    }

    private static LoadedCheckpoint decodeOrThrow(byte[] data, Ops ops) {
        byte[] prefix = Arrays.copyOf(data, Math.min(data.length, MAGIC.length));
        if (!Arrays.equals(prefix, Arrays.copyOf(MAGIC, prefix.length))) {
            throw new Malformed("not an Engram checkpoint: bad magic at byte 0 (expected "
                    + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + " \"ENGRAMCK\", found "
                    + HexFormat.ofDelimiter(" ").formatHex(prefix) + ")");
        }
        ByteCursor head = new ByteCursor(data, 0, data.length);
        head.need(MAGIC.length, "magic bytes");
        head.pos = MAGIC.length;
        int version = head.u32("format version");
        if (version < OLDEST_VERSION || version > FORMAT_VERSION) {
            throw new Malformed("unsupported format version " + Integer.toUnsignedString(version)
                    + " at byte 8 (this reader knows versions " + OLDEST_VERSION + " to " + FORMAT_VERSION + ")");
        }
        if (data.length < HEADER + TRAILER) {
            throw new Malformed("truncated: the file has " + data.length + " bytes, fewer than the "
                    + (HEADER + TRAILER) + " of an empty checkpoint");
        }
        byte[] expected = Arrays.copyOfRange(data, data.length - TRAILER, data.length);
        byte[] actual = sha256(data, data.length - TRAILER);
        boolean intact = Arrays.equals(expected, actual);
        LoadedCheckpoint result;
        try {
            result = parse(new ByteCursor(data, MAGIC.length + 4, data.length - TRAILER), version, ops);
        } catch (Malformed e) {
            if (intact) {
                throw e;
            }
            if (e.truncated) {
                throw Malformed.truncated("truncated: " + e.getMessage() + " (the file has " + data.length
                        + " bytes including its 32-byte checksum trailer)");
            }
            throw checksum(data, expected, actual);
        }
        if (!intact) {
            throw checksum(data, expected, actual);
        }
        return result;
    }

    private static Malformed checksum(byte[] data, byte[] expected, byte[] actual) {
        int end = data.length - TRAILER;
        return new Malformed("corrupted: SHA-256 checksum mismatch: bytes 0.." + (end - 1) + " hash to "
                + HexFormat.of().formatHex(actual) + " but the trailer at byte " + end + " holds "
                + HexFormat.of().formatHex(expected));
    }

    private static LoadedCheckpoint parse(ByteCursor in, int version, Ops ops) {
        int metaLength = in.count("metadata length");
        int metaStart = in.pos;
        ByteCursor meta = in.sub(metaLength, "metadata block");
        CheckpointMetadata metadata;
        if (version == 1) {
            metadata = BinaryMetadata.read(meta, version);
            if (meta.pos != meta.limit) {
                throw new Malformed("metadata block starting at byte " + metaStart + " declares " + metaLength
                        + " bytes but its fields end at byte " + meta.pos);
            }
        } else {
            metadata = JsonMetadataReader.read(in.data, metaStart, metaLength, version);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Long> offsets = new LinkedHashMap<>();
        TensorSection.read(in, ops, tensors, offsets);
        Payloads payloads = Payloads.empty();
        TrainerState state = null;
        if (version >= 3) {
            payloads = PayloadSection.read(in);
            state = StateSection.read(in, version, ops);
        }
        if (in.pos != in.limit) {
            throw new Malformed((in.limit - in.pos) + " unexpected bytes after the last "
                    + (version >= 3 ? "section" : "tensor") + " at byte " + in.pos
                    + " (the checksum trailer starts at byte " + in.limit + ")");
        }
        return new LoadedCheckpoint(metadata, tensors, offsets, payloads, java.util.Optional.ofNullable(state));
    }

    /** Text from a file fit for a message: quoted, escaped, cut to a bounded length. */
    public static String quote(String text) {
        return Malformed.quote(text);
    }

    static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
