package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.InnerFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.tensor.DType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metadata block of format versions 2 and 3 written by {@link JsonMetadata}, after
 * {@link JsonBlock} has checked its bytes and parsed it. Each problem names the byte offset (JSON
 * syntax) or the field. Not thread-safe; one per block.
 */
final class JsonMetadataReader {
    private final int start;

    private JsonMetadataReader(int start) {
        this.start = start;
    }

    /** The metadata in {@code data[start, start + length)}, reported as {@code version}. */
    static CheckpointMetadata read(byte[] data, int start, int length, int version) {
        JsonNode root = JsonBlock.parse(data, start, length, version, "metadata block");
        return new JsonMetadataReader(start).metadata(root, version);
    }

    private CheckpointMetadata metadata(JsonNode root, int version) {
        object(root, "");
        ModelSpec spec = spec(object(root.get("spec"), "spec"));
        JsonNode p = root.get("provenance");
        Provenance provenance = p == null || p.isNull() ? null : provenance(object(p, "provenance"));
        return new CheckpointMetadata(version, text(root, "familyBundle", false), text(root, "familyVersion", false),
                spec, provenance);
    }

    private ModelSpec spec(JsonNode spec) {
        String dtype = text(spec, "spec.dtype", false);
        if (!dtype.equals("f32") && !dtype.equals("f64")) {
            throw bad("spec.dtype", "expected \"f32\" or \"f64\", found " + quote(dtype));
        }
        Map<String, Object> hyper = new LinkedHashMap<>();
        JsonNode h = object(spec.get("hyper"), "spec.hyper");
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            hyper.put(e.getKey(), hyperValue(e.getValue(), "spec.hyper." + e.getKey()));
        }
        return new ModelSpec(text(spec, "spec.family", false), size(spec, "inputSize"), size(spec, "outputSize"),
                dtype.equals("f32") ? DType.F32 : DType.F64, Hyperparameters.of(hyper));
    }

    private Object hyperValue(JsonNode typed, String path) {
        if (typed == null || !typed.isArray() || typed.size() != 2 || !typed.get(0).isTextual()) {
            throw bad(path, "expected [type, value]");
        }
        JsonNode v = typed.get(1);
        String type = typed.get(0).asText();
        switch (type) {
            case "int":
                if (v.isInt()) {
                    return v.intValue();
                }
                break;
            case "long":
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    return v.longValue();
                }
                break;
            case "double":
                if (v.isNumber()) {
                    return v.doubleValue();
                }
                if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
                    return Double.parseDouble(v.asText());
                }
                break;
            case "boolean":
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                break;
            case "string":
                if (v.isTextual()) {
                    return v.asText();
                }
                break;
            default:
                throw bad(path, "unknown type " + quote(type) + " (expected int, long, double, boolean or string)");
        }
        throw bad(path, "expected a value of type " + type + ", found " + kind(v));
    }

    private Provenance provenance(JsonNode p) {
        JsonNode seed = p.get("seed");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw bad("provenance.seed", "expected an integer, found " + kind(seed));
        }
        JsonNode list = p.get("bundles");
        if (list == null || !list.isArray()) {
            throw bad("provenance.bundles", "expected a list, found " + kind(list));
        }
        List<BundleRef> bundles = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = object(list.get(i), "provenance.bundles[" + i + "]");
            bundles.add(new BundleRef(text(b, "provenance.bundles." + i + ".symbolicName", true),
                    text(b, "provenance.bundles." + i + ".version", true)));
        }
        Map<String, String> environment = p.has("environment") ? strings(p.get("environment"), "provenance.environment")
                : Map.of();
        List<InnerFamily> inner = new ArrayList<>();
        JsonNode innerList = p.get("innerFamilies");
        if (innerList != null && !innerList.isArray()) {
            throw bad("provenance.innerFamilies", "expected a list, found " + kind(innerList));
        }
        for (int i = 0; innerList != null && i < innerList.size(); i++) {
            String at = "provenance.innerFamilies." + i + ".";
            JsonNode f = object(innerList.get(i), "provenance.innerFamilies[" + i + "]");
            inner.add(new InnerFamily(text(f, at + "slot", false), text(f, at + "family", false),
                    new BundleRef(text(f, at + "symbolicName", false), text(f, at + "version", false))));
        }
        return new Provenance(seed.longValue(), text(p, "provenance.dataSource", true),
                text(p, "provenance.dataDigest", true), bundles, strings(p.get("jobSpec"), "provenance.jobSpec"),
                text(p, "provenance.createdAt", true), environment, inner);
    }

    private Map<String, String> strings(JsonNode node, String path) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, path).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(path + "." + e.getKey(), "expected a string, found " + kind(e.getValue()));
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path.isEmpty() ? "(root)" : path, "expected an object, found " + kind(node));
        }
        return node;
    }

    private String text(JsonNode parent, String path, boolean nullable) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = parent.get(field);
        if (v != null && v.isTextual() || nullable && v != null && v.isNull()) {
            return v.isNull() ? null : v.asText();
        }
        throw bad(path, "expected a string, found " + kind(v));
    }

    private int size(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isInt() || v.intValue() < 0) {
            throw bad("spec." + field, "expected a non-negative integer, found " + kind(v));
        }
        return v.intValue();
    }

    private static String kind(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        return v.isNumber() ? "the number " + quote(v.asText())
                : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private Malformed bad(String path, String what) {
        return new Malformed("metadata block starting at byte " + start + ": field " + quote(path) + ": " + what);
    }
}
