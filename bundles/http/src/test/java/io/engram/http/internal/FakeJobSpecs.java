package io.engram.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Parses JSON (nested objects flattened with dots) and properties text; YAML is refused. */
final class FakeJobSpecs implements io.engram.kernel.JobSpecs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Validation<Seq<Problem>, Map<String, String>> read(Path file) {
        return Validation.invalid(List.of(Problem.of(file.toString(), "not supported here")));
    }

    @Override
    public Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin) {
        if (format.equals("properties")) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                return Validation.invalid(List.of(Problem.of(origin, e.getMessage())));
            }
            Map<String, String> out = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            return Validation.valid(out);
        }
        if (!format.equals("json")) {
            return Validation.invalid(List.of(Problem.of(origin, "format " + format + " not supported here")));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Validation.invalid(List.of(Problem.of(origin + ":" + e.getLocation().getLineNr(),
                    e.getOriginalMessage())));
        }
        if (!root.isObject()) {
            return Validation.invalid(List.of(Problem.of(origin + ":1", "expected a JSON object")));
        }
        Map<String, String> out = new TreeMap<>();
        flatten("", root, out);
        return Validation.valid(out);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }

    @Override
    public Validation<Seq<Problem>, Map<String, String>> validate(Map<String, String> spec) {
        return Validation.valid(spec);
    }
}
