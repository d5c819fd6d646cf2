package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metadata block of format version 1: binary fields, strings as raw UTF-8 (see
 * {@code io.engram.train.CheckpointFile}). Kept so that checkpoints written before version 2 still
 * read; nothing writes it any more. Stateless.
 */
final class BinaryMetadata {
    /** The fewest bytes of one hyperparameter: name length, type, a one-byte value. */
    private static final int MIN_HYPER = 6;
    /** The fewest bytes of two strings: two lengths. */
    private static final int MIN_PAIR = 8;

    private BinaryMetadata() {
    }

    static CheckpointMetadata read(ByteCursor meta, int version) {
        int bundleAt = meta.pos;
        String familyBundle = meta.str("family bundle name");
        String familyVersion = meta.str("family bundle version");
        if (familyBundle == null || familyVersion == null) {
            throw new Malformed("family bundle name or version at byte " + bundleAt + " is missing");
        }
        int familyAt = meta.pos;
        String family = meta.str("model family");
        if (family == null) {
            throw new Malformed("model family at byte " + familyAt + " is missing");
        }
        int inputSize = meta.count("input size");
        int outputSize = meta.count("output size");
        DType dtype = meta.dtype("model dtype");
        int hyperCount = meta.count("hyperparameter count", MIN_HYPER);
        Map<String, Object> hyper = new LinkedHashMap<>();
        for (int i = 0; i < hyperCount; i++) {
            int keyAt = meta.pos;
            String key = meta.str("hyperparameter " + i + " name");
            if (key == null || hyper.containsKey(key)) {
                throw new Malformed("hyperparameter " + i + " name at byte " + keyAt + " (" + quote(key)
                        + ") is missing or given twice");
            }
            int typeAt = meta.pos;
            int type = meta.u8("type of hyperparameter " + quote(key));
            String field = "value of hyperparameter " + quote(key);
            switch (type) {
                case 'I': hyper.put(key, meta.u32(field)); break;
                case 'J': hyper.put(key, meta.i64(field)); break;
                case 'D': hyper.put(key, Double.longBitsToDouble(meta.i64(field))); break;
                case 'Z': hyper.put(key, meta.u8(field) != 0); break;
                case 'S': hyper.put(key, String.valueOf(meta.str(field))); break;
                default:
                    throw new Malformed("unknown type code " + type + " of hyperparameter " + quote(key) + " at byte "
                            + typeAt + " (expected I, J, D, Z or S)");
            }
        }
        ModelSpec spec = new ModelSpec(family, inputSize, outputSize, dtype, Hyperparameters.of(hyper));
        return new CheckpointMetadata(version, familyBundle, familyVersion, spec, provenance(meta));
    }

    private static Provenance provenance(ByteCursor meta) {
        int flagAt = meta.pos;
        int hasProvenance = meta.u8("provenance flag");
        if (hasProvenance == 0) {
            return null;
        }
        if (hasProvenance != 1) {
            throw new Malformed("provenance flag at byte " + flagAt + " is " + hasProvenance + " (expected 0 or 1)");
        }
        long seed = meta.i64("provenance seed");
        String source = meta.str("provenance data source");
        String digest = meta.str("provenance data digest");
        int bundleCount = meta.count("provenance bundle count", MIN_PAIR);
        List<BundleRef> bundles = new ArrayList<>();
        for (int i = 0; i < bundleCount; i++) {
            bundles.add(new BundleRef(meta.str("provenance bundle " + i + " name"),
                    meta.str("provenance bundle " + i + " version")));
        }
        int jobCount = meta.count("provenance job spec count", MIN_PAIR);
        Map<String, String> job = new LinkedHashMap<>();
        for (int i = 0; i < jobCount; i++) {
            int at = meta.pos;
            String k = meta.str("provenance job spec key " + i);
            String v = meta.str("provenance job spec value of " + quote(k));
            if (k == null || v == null || job.put(k, v) != null) {
                throw new Malformed("provenance job spec entry " + i + " at byte " + at + " ("
                        + quote(k) + ") is missing or given twice");
            }
        }
        return new Provenance(seed, source, digest, bundles, job, meta.str("provenance created-at"));
    }
}
