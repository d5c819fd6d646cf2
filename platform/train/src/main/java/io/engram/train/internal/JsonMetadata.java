package io.engram.train.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.InnerFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.tensor.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the metadata block of format version 2: one JSON object, every string escaped by
 * {@link SafeEscapes}; {@link JsonMetadataReader} reads it back. Stateless and thread-safe.
 *
 * <pre>
 * {"familyBundle":s,"familyVersion":s,
 *  "spec":{"family":s,"inputSize":n,"outputSize":n,"dtype":"f32"|"f64",
 *          "hyper":{name:[type,value],...}},     type: int, long, double, boolean, string
 *  "provenance":null | {"seed":n,"dataSource":s,"dataDigest":s,
 *          "bundles":[{"symbolicName":s,"version":s},...],
 *          "jobSpec":{key:s,...},"createdAt":s,"environment":{key:s,...},
 *          "innerFamilies":[{"slot":s,"family":s,"symbolicName":s,"version":s},...]}}
 *                                                   (only when a composite family has inner ones)
 * </pre>
 * Maps of the provenance are written sorted by key; hyperparameters in the spec's order. A double
 * that is not finite is written as the string {@code NaN}, {@code Infinity} or {@code -Infinity}.
 */
final class JsonMetadata {
    static final ObjectMapper MAPPER = new ObjectMapper(factory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMetadata() {
    }

    private static JsonFactory factory() {
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        builder.characterEscapes(new SafeEscapes());
        builder.enable(JsonWriteFeature.ESCAPE_NON_ASCII);
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        return builder.build();
    }

    static byte[] write(CheckpointMetadata meta) {
        ObjectNode root = NODES.objectNode();
        root.put("familyBundle", meta.familyBundle());
        root.put("familyVersion", meta.familyVersion());
        root.set("spec", spec(meta.spec()));
        root.set("provenance", meta.provenance() == null ? NODES.nullNode() : provenance(meta.provenance()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MAPPER.writeValue(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static ObjectNode spec(ModelSpec spec) {
        ObjectNode s = NODES.objectNode();
        s.put("family", spec.family());
        s.put("inputSize", spec.inputSize());
        s.put("outputSize", spec.outputSize());
        s.put("dtype", spec.dtype() == DType.F32 ? "f32" : "f64");
        ObjectNode hyper = s.putObject("hyper");
        spec.hyper().asMap().forEach((name, value) -> {
            ArrayNode typed = hyper.putArray(name);
            if (value instanceof Integer) {
                typed.add("int").add((Integer) value);
            } else if (value instanceof Long) {
                typed.add("long").add((Long) value);
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                typed.add("double");
                if (Double.isFinite(d)) {
                    typed.add(d);
                } else {
                    typed.add(Double.toString(d));
                }
            } else if (value instanceof Boolean) {
                typed.add("boolean").add((Boolean) value);
            } else {
                typed.add("string").add(String.valueOf(value));
            }
        });
        return s;
    }

    private static ObjectNode provenance(Provenance p) {
        ObjectNode o = NODES.objectNode();
        o.put("seed", p.seed());
        o.put("dataSource", p.dataSource());
        o.put("dataDigest", p.dataDigest());
        ArrayNode bundles = o.putArray("bundles");
        for (BundleRef b : p.bundles()) {
            bundles.addObject().put("symbolicName", b.symbolicName()).put("version", b.version());
        }
        o.set("jobSpec", sorted(p.jobSpec()));
        o.put("createdAt", p.createdAt());
        o.set("environment", sorted(p.environment()));
        if (!p.innerFamilies().isEmpty()) {
            ArrayNode inner = o.putArray("innerFamilies");
            for (InnerFamily f : p.innerFamilies()) {
                inner.addObject().put("slot", f.slot()).put("family", f.family())
                        .put("symbolicName", f.bundle().symbolicName()).put("version", f.bundle().version());
            }
        }
        return o;
    }

    private static ObjectNode sorted(Map<String, String> map) {
        ObjectNode o = NODES.objectNode();
        new TreeMap<>(map).forEach(o::put);
        return o;
    }
}
