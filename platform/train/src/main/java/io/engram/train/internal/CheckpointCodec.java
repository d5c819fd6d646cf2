package io.engram.train.internal;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encoder and decoder of the checkpoint format specified in {@code io.engram.train.CheckpointFile}.
 * Stateless; each decode uses its own cursor.
 */
public final class CheckpointCodec {
    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = "ENGRAMCK".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 16;
    static final int TRAILER = 32;
    private static final int NULL_STRING = -1;

    private CheckpointCodec() {
    }

    // ---- writing ---------------------------------------------------------------------------

    public static byte[] encode(CheckpointMetadata meta, Map<String, Tensor> tensors) {
        Out metadata = new Out();
        metadata.str(meta.familyBundle());
        metadata.str(meta.familyVersion());
        ModelSpec spec = meta.spec();
        metadata.str(spec.family());
        metadata.u32(spec.inputSize());
        metadata.u32(spec.outputSize());
        metadata.u8(dtypeCode(spec.dtype()));
        Map<String, Object> hyper = spec.hyper().asMap();
        metadata.u32(hyper.size());
        hyper.forEach((name, value) -> {
            metadata.str(name);
            if (value instanceof Integer) {
                metadata.u8('I');
                metadata.u32((Integer) value);
            } else if (value instanceof Long) {
                metadata.u8('J');
                metadata.i64((Long) value);
            } else if (value instanceof Double || value instanceof Float) {
                metadata.u8('D');
                metadata.i64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
            } else if (value instanceof Boolean) {
                metadata.u8('Z');
                metadata.u8((Boolean) value ? 1 : 0);
            } else {
                metadata.u8('S');
                metadata.str(String.valueOf(value));
            }
        });
        Provenance p = meta.provenance();
        metadata.u8(p == null ? 0 : 1);
        if (p != null) {
            metadata.i64(p.seed());
            metadata.str(p.dataSource());
            metadata.str(p.dataDigest());
            metadata.u32(p.bundles().size());
            for (BundleRef b : p.bundles()) {
                metadata.str(b.symbolicName());
                metadata.str(b.version());
            }
            Map<String, String> job = new TreeMap<>(p.jobSpec());
            metadata.u32(job.size());
            job.forEach((k, v) -> {
                metadata.str(k);
                metadata.str(v);
            });
            metadata.str(p.createdAt());
        }
        byte[] metaBytes = metadata.toByteArray();

        Out out = new Out();
        out.bytes(MAGIC);
        out.u32(FORMAT_VERSION);
        out.u32(metaBytes.length);
        out.bytes(metaBytes);
        out.u32(tensors.size());
        tensors.forEach((name, t) -> {
            out.str(name);
            out.u8(dtypeCode(t.dtype()));
            int[] dims = t.shape().toArray();
            out.u8(dims.length);
            for (int d : dims) {
                out.u32(d);
            }
            if (t.dtype() == DType.F32) {
                float[] v = t.toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                out.bytes(b.array());
            } else {
                double[] v = t.toDoubleArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(v);
                out.bytes(b.array());
            }
        });
        byte[] body = out.toByteArray();
        byte[] file = new byte[body.length + TRAILER];
        System.arraycopy(body, 0, file, 0, body.length);
        System.arraycopy(sha256(body, body.length), 0, file, body.length, TRAILER);
        return file;
    }

    private static int dtypeCode(DType d) {
        return d == DType.F32 ? 1 : 2;
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * Decodes and verifies a checkpoint.
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
        In in = new In(data, data.length);
        byte[] prefix = java.util.Arrays.copyOf(data, Math.min(data.length, MAGIC.length));
        if (!java.util.Arrays.equals(prefix, java.util.Arrays.copyOf(MAGIC, prefix.length))) {
            throw new Malformed("not an Engram checkpoint: bad magic at byte 0 (expected "
                    + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + " \"ENGRAMCK\", found "
                    + HexFormat.ofDelimiter(" ").formatHex(prefix) + ")");
        }
        byte[] magic = in.bytes(MAGIC.length, "magic bytes");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new Malformed("not an Engram checkpoint: bad magic at byte 0 (expected "
                    + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + " \"ENGRAMCK\", found "
                    + HexFormat.ofDelimiter(" ").formatHex(magic) + ")");
        }
        int version = in.u32("format version");
        if (version != FORMAT_VERSION) {
            throw new Malformed("unsupported format version " + Integer.toUnsignedString(version)
                    + " at byte 8 (this reader knows version " + FORMAT_VERSION + ")");
        }
        if (data.length < HEADER + TRAILER) {
            throw new Malformed("truncated: the file has " + data.length + " bytes, fewer than the "
                    + (HEADER + TRAILER) + " of an empty checkpoint");
        }
        byte[] expected = java.util.Arrays.copyOfRange(data, data.length - TRAILER, data.length);
        byte[] actual = sha256(data, data.length - TRAILER);
        boolean intact = java.util.Arrays.equals(expected, actual);
        LoadedCheckpoint result;
        try {
            result = parse(new In(data, data.length - TRAILER), ops);
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

    private static LoadedCheckpoint parse(In in, Ops ops) {
        in.pos = MAGIC.length + 4;
        int metaLength = in.count("metadata length");
        int metaStart = in.pos;
        In meta = in.sub(metaLength, "metadata block");
        String familyBundle = meta.str("family bundle name");
        String familyVersion = meta.str("family bundle version");
        String family = meta.str("model family");
        int inputSize = meta.count("input size");
        int outputSize = meta.count("output size");
        DType dtype = meta.dtype("model dtype");
        int hyperCount = meta.count("hyperparameter count");
        Map<String, Object> hyper = new LinkedHashMap<>();
        for (int i = 0; i < hyperCount; i++) {
            String key = meta.str("hyperparameter " + i + " name");
            int typeAt = meta.pos;
            int type = meta.u8("type of hyperparameter '" + key + "'");
            String field = "value of hyperparameter '" + key + "'";
            switch (type) {
                case 'I': hyper.put(key, meta.u32(field)); break;
                case 'J': hyper.put(key, meta.i64(field)); break;
                case 'D': hyper.put(key, Double.longBitsToDouble(meta.i64(field))); break;
                case 'Z': hyper.put(key, meta.u8(field) != 0); break;
                case 'S': hyper.put(key, meta.str(field)); break;
                default:
                    throw new Malformed("unknown type code " + type + " of hyperparameter '" + key + "' at byte "
                            + typeAt + " (expected I, J, D, Z or S)");
            }
        }
        Provenance provenance = null;
        int flagAt = meta.pos;
        int hasProvenance = meta.u8("provenance flag");
        if (hasProvenance == 1) {
            long seed = meta.i64("provenance seed");
            String source = meta.str("provenance data source");
            String digest = meta.str("provenance data digest");
            int bundleCount = meta.count("provenance bundle count");
            List<BundleRef> bundles = new ArrayList<>();
            for (int i = 0; i < bundleCount; i++) {
                bundles.add(new BundleRef(meta.str("provenance bundle " + i + " name"),
                        meta.str("provenance bundle " + i + " version")));
            }
            int jobCount = meta.count("provenance job spec count");
            Map<String, String> job = new LinkedHashMap<>();
            for (int i = 0; i < jobCount; i++) {
                String k = meta.str("provenance job spec key " + i);
                job.put(k, meta.str("provenance job spec value of '" + k + "'"));
            }
            provenance = new Provenance(seed, source, digest, bundles, job, meta.str("provenance created-at"));
        } else if (hasProvenance != 0) {
            throw new Malformed("provenance flag at byte " + flagAt + " is " + hasProvenance + " (expected 0 or 1)");
        }
        if (meta.pos != meta.limit) {
            throw new Malformed("metadata block starting at byte " + metaStart + " declares " + metaLength
                    + " bytes but its fields end at byte " + meta.pos);
        }
        ModelSpec spec = new ModelSpec(family, inputSize, outputSize, dtype, Hyperparameters.of(hyper));
        CheckpointMetadata metadata = new CheckpointMetadata(FORMAT_VERSION, familyBundle, familyVersion, spec,
                provenance);

        int tensorCount = in.count("tensor count");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < tensorCount; i++) {
            String name = in.str("tensor " + i + " name");
            DType type = in.dtype("dtype of tensor '" + name + "'");
            int rank = in.u8("rank of tensor '" + name + "'");
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.count("extent " + d + " of tensor '" + name + "'");
                size *= dims[d];
            }
            long bytes = size * type.bytes();
            int dataAt = in.pos;
            if (bytes > in.limit - in.pos) {
                throw Malformed.truncated("tensor '" + name + "' data at byte " + dataAt + " needs " + bytes
                        + " bytes for shape " + java.util.Arrays.toString(dims) + " but only "
                        + Math.max(0, in.limit - in.pos) + " remain before the trailer");
            }
            ByteBuffer b = ByteBuffer.wrap(in.data, in.pos, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            in.pos += (int) bytes;
            if (ops != null) {
                Shape shape = Shape.of(dims);
                if (type == DType.F32) {
                    float[] v = new float[(int) size];
                    b.asFloatBuffer().get(v);
                    tensors.put(name, ops.fromArray(type, shape, v));
                } else {
                    double[] v = new double[(int) size];
                    b.asDoubleBuffer().get(v);
                    tensors.put(name, ops.fromArray(type, shape, v));
                }
            }
        }
        if (in.pos != in.limit) {
            throw new Malformed((in.limit - in.pos) + " unexpected bytes after the last tensor at byte " + in.pos
                    + " (the checksum trailer starts at byte " + in.limit + ")");
        }
        return new LoadedCheckpoint(metadata, tensors);
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

    /** A problem with the bytes of a checkpoint; {@code truncated} when data ran out. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean truncated;

        Malformed(String message) {
            this(message, false);
        }

        private Malformed(String message, boolean truncated) {
            super(message, null, false, false);
            this.truncated = truncated;
        }

        static Malformed truncated(String message) {
            return new Malformed(message, true);
        }
    }

    /** A bounded little-endian cursor. */
    private static final class In {
        final byte[] data;
        final int limit;
        int pos;

        In(byte[] data, int limit) {
            this.data = data;
            this.limit = limit;
        }

        private In(byte[] data, int pos, int limit) {
            this.data = data;
            this.pos = pos;
            this.limit = limit;
        }

        private void need(int n, String field) {
            if (n > limit - pos) {
                throw Malformed.truncated(field + " at byte " + pos + " needs " + n + " bytes but the "
                        + (limit == data.length ? "file ends" : limit == data.length - TRAILER
                        ? "data before the checksum trailer ends" : "enclosing block ends")
                        + " at byte " + limit);
            }
        }

        In sub(int length, String field) {
            need(length, field);
            In s = new In(data, pos, pos + length);
            pos += length;
            return s;
        }

        byte[] bytes(int n, String field) {
            need(n, field);
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
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

    /** A growing little-endian buffer. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void u8(int v) {
            bytes.write(v);
        }

        void u32(int v) {
            bytes.write(v);
            bytes.write(v >>> 8);
            bytes.write(v >>> 16);
            bytes.write(v >>> 24);
        }

        void i64(long v) {
            u32((int) v);
            u32((int) (v >>> 32));
        }

        void bytes(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        void str(String s) {
            if (s == null) {
                u32(NULL_STRING);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            bytes(b);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
