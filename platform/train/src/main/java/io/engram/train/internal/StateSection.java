package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.TrainerState;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The trainer-state section of a version-3 checkpoint: {@code u8} 0 when there is none, or 1
 * followed by a {@code u32} length, that many bytes of JSON escaped like the metadata block,
 * <pre>
 * {"trainer":s,"integers":{key:n,...},"numbers":{key:n|"NaN"|"Infinity"|"-Infinity",...},
 *  "texts":{key:s,...}}
 * </pre>
 * and a tensor section ({@link TensorSection}) with the state's tensors. Numbers are written in the
 * shortest form that reads back to the same double. Stateless.
 */
final class StateSection {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NON_FINITE = List.of("NaN", "Infinity", "-Infinity");

    private StateSection() {
    }

    static byte[] write(TrainerState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (state == null) {
            out.write(0);
            return out.toByteArray();
        }
        ObjectNode root = NODES.objectNode();
        root.put("trainer", state.trainer());
        ObjectNode integers = root.putObject("integers");
        state.integers().forEach(integers::put);
        ObjectNode numbers = root.putObject("numbers");
        state.numbers().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                numbers.put(k, v);
            } else {
                numbers.put(k, Double.toString(v));
            }
        });
        ObjectNode texts = root.putObject("texts");
        state.texts().forEach(texts::put);
        byte[] json;
        try {
            json = JsonMetadata.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).array());
        out.writeBytes(json);
        out.writeBytes(TensorSection.write(state.tensors()));
        return out.toByteArray();
    }

    /** The state, or null when the section says there is none; its tensors only when {@code ops} is given. */
    static TrainerState read(ByteCursor in, int version, Ops ops) {
        int at = in.pos;
        int present = in.u8("trainer state flag");
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new Malformed("trainer state flag at byte " + at + " is " + present + " (expected 0 or 1)");
        }
        int length = in.count("trainer state length");
        int start = in.pos;
        in.sub(length, "trainer state block");
        JsonNode root = JsonBlock.parse(in.data, start, length, version, "trainer state block");
        String where = "trainer state block starting at byte " + start + ": field ";
        if (!root.isObject() || root.get("trainer") == null || !root.get("trainer").isTextual()) {
            throw new Malformed(where + "'trainer': expected a string in an object");
        }
        Map<String, Long> integers = fields(root, "integers", where, (k, v) -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new Malformed(where + quote("integers." + k) + ": expected an integer");
            }
            return v.longValue();
        });
        Map<String, Double> numbers = fields(root, "numbers", where, (k, v) -> {
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual() && NON_FINITE.contains(v.asText())) {
                return Double.parseDouble(v.asText());
            }
            throw new Malformed(where + quote("numbers." + k) + ": expected a number");
        });
        Map<String, String> texts = fields(root, "texts", where, (k, v) -> {
            if (!v.isTextual()) {
                throw new Malformed(where + quote("texts." + k) + ": expected a string");
            }
            return v.asText();
        });
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        TensorSection.read(in, ops, tensors, new LinkedHashMap<>(), "trainer state tensor");
        return new TrainerState(root.get("trainer").asText(), integers, numbers, texts, tensors);
    }

    private static <T> Map<String, T> fields(JsonNode root, String name, String where,
                                             BiFunction<String, JsonNode, T> value) {
        JsonNode node = root.get(name);
        if (node == null || !node.isObject()) {
            throw new Malformed(where + quote(name) + ": expected an object");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value.apply(e.getKey(), e.getValue()));
        }
        return out;
    }
}
