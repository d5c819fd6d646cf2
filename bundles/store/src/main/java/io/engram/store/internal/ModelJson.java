package io.engram.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Provenance;
import io.engram.store.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata file of a registered version, {@code model.json}: name, version, when and from what
 * it was registered, the checkpoint's size and SHA-256, the model spec, the provenance the
 * checkpoint carries (seed, data, bundles, environment, job spec) and the job's final metrics.
 * Stateless and thread-safe.
 */
final class ModelJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelJson() {
    }

    /** The metadata document of a new version. */
    static ObjectNode write(String name, int version, long bytes, String sha256, String createdAt, String source,
                            CheckpointMetadata meta, Map<String, Double> metrics) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", name);
        n.put("version", version);
        n.put("checkpoint", Versions.CHECKPOINT);
        n.put("bytes", bytes);
        n.put("sha256", sha256);
        n.put("createdAt", createdAt);
        n.put("source", source);
        n.put("formatVersion", meta.formatVersion());
        n.put("family", meta.spec().family());
        n.put("familyBundle", meta.familyBundle());
        n.put("familyVersion", meta.familyVersion());
        ObjectNode model = n.putObject("model");
        model.put("inputSize", meta.spec().inputSize());
        model.put("outputSize", meta.spec().outputSize());
        model.put("dtype", meta.spec().dtype().toString());
        ObjectNode metricNode = n.putObject("metrics");
        new TreeMap<>(metrics).forEach((k, v) -> {
            if (Double.isFinite(v)) {
                metricNode.put(k, v);
            } else {
                metricNode.put(k, v.toString());
            }
        });
        Provenance p = meta.provenance();
        ObjectNode prov = n.putObject("provenance");
        if (p != null) {
            prov.put("seed", p.seed());
            prov.put("dataSource", p.dataSource());
            prov.put("dataDigest", p.dataDigest());
            prov.put("createdAt", p.createdAt());
            var bundles = prov.putArray("bundles");
            for (BundleRef b : p.bundles()) {
                bundles.add(b.symbolicName() + " " + b.version());
            }
            ObjectNode env = prov.putObject("environment");
            new TreeMap<>(p.environment()).forEach(env::put);
            ObjectNode spec = n.putObject("spec");
            new TreeMap<>(p.jobSpec()).forEach(spec::put);
        } else {
            n.putObject("spec");
        }
        return n;
    }

    /** Reads a metadata document; fails naming the file and the field that is missing or wrong. */
    static ModelVersion read(Path file, Path checkpoint, List<String> aliases) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a metadata document: " + e.getMessage(), e);
        }
        for (String field : List.of("name", "version", "bytes", "sha256", "createdAt")) {
            if (!n.hasNonNull(field)) {
                throw new IOException(file + ": field '" + field + "' is missing");
            }
        }
        Map<String, String> spec = new LinkedHashMap<>();
        n.path("spec").fields().forEachRemaining(e -> spec.put(e.getKey(), e.getValue().asText()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().isNumber()
                ? e.getValue().asDouble() : Double.parseDouble(e.getValue().asText("NaN"))));
        List<String> bundles = new ArrayList<>();
        n.path("provenance").path("bundles").forEach(b -> bundles.add(b.asText()));
        JsonNode prov = n.path("provenance");
        return new ModelVersion(n.get("name").asText(), n.get("version").asInt(), checkpoint.toString(),
                n.get("bytes").asLong(), n.get("sha256").asText(), n.get("createdAt").asText(),
                n.path("source").asText(""), n.path("family").asText(""), prov.path("seed").asLong(0),
                prov.path("dataSource").asText(""), bundles, spec, metrics, aliases);
    }
}
