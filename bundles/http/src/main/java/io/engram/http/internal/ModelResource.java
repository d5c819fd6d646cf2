package io.engram.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.kernel.Predictor;
import io.engram.store.ModelStore;
import io.engram.store.ModelVersion;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model registry over REST, below {@code /api/models}:
 * <pre>
 * GET    /models                           every model with its versions and aliases
 * GET    /models/{name}                    one model
 * GET    /models/{name}/{version}          one version (a number, an alias or latest)
 * GET    /models/{name}/{version}/checkpoint   its checkpoint file (X-Checksum-SHA256)
 * POST   /models/{name}                    upload a checkpoint as the next version (token; 201)
 * PUT    /models/{name}/aliases/{alias}    point an alias at a version: body {"version": N} (token)
 * DELETE /models/{name}/{version}          delete one version, by number (token)
 * POST   /models/{name}/predict[?version=V]  predict: the text of engram predict, or
 *                                          {"sequences": [[[...]]]}; answers {"model", "outputs"}
 * </pre>
 * Predictions are reads: they need the token only where reads do. An upload is checked whole as a
 * checkpoint before anything is stored; a bad one is refused with 422 naming the byte or field.
 * Thread-safe: it holds only thread-safe services.
 */
final class ModelResource {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The largest checkpoint an upload may send. */
    static final long MAX_CHECKPOINT_BYTES = 1L << 30;

    private final ModelStore store;
    private final Predictor predictor;
    private final long maxBodyBytes;
    private final Router router;

    ModelResource(ModelStore store, Predictor predictor, long maxBodyBytes) {
        this.store = store;
        this.predictor = predictor;
        this.maxBodyBytes = maxBodyBytes;
        this.router = new Router()
                .add("GET", "/", (r, p) -> list())
                .add("GET", "/{name}", (r, p) -> model(p.get(0)))
                .add("POST", "/{name}", (r, p) -> upload(r, p.get(0)))
                .add("POST", "/{name}/predict", (r, p) -> predict(r, p.get(0)))
                .add("PUT", "/{name}/aliases/{alias}", (r, p) -> alias(r, p.get(0), p.get(1)))
                .add("GET", "/{name}/{version}", (r, p) -> version(p.get(0), p.get(1)))
                .add("DELETE", "/{name}/{version}", (r, p) -> delete(p.get(0), p.get(1)));
    }

    /** The routes, below {@code /api/models}. */
    Router router() {
        return router;
    }

    /** The checkpoint of {@code /{name}/{version}/checkpoint}, or the error. */
    ModelAnswer download(String name, String version) {
        Try<ModelVersion> v = store.version(reference(name, version));
        if (v.isFailure()) {
            return ModelAnswer.of(missing(v.getCause()));
        }
        return new ModelAnswer(null, Path.of(v.get().checkpoint()), v.get().name() + "-" + v.get().version() + ".ckpt",
                v.get().sha256());
    }

    private ApiResponse list() {
        ArrayNode out = NODES.arrayNode();
        Map<String, List<ModelVersion>> byName = new TreeMap<>();
        store.versions().forEach(v -> byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
        byName.forEach((name, versions) -> out.add(model(name, versions)));
        return ApiResponse.of(200, out);
    }

    private ApiResponse model(String name) {
        List<ModelVersion> versions = store.versions(name);
        return versions.isEmpty() ? ApiResponse.error(404, "no model '" + name + "'")
                : ApiResponse.of(200, model(name, versions));
    }

    private static ObjectNode model(String name, List<ModelVersion> versions) {
        ObjectNode n = NODES.objectNode();
        n.put("name", name);
        n.put("latest", versions.get(versions.size() - 1).version());
        ObjectNode aliases = n.putObject("aliases");
        versions.forEach(v -> v.aliases().forEach(a -> aliases.put(a, v.version())));
        ArrayNode list = n.putArray("versions");
        versions.forEach(v -> list.add(version(v)));
        return n;
    }

    static ObjectNode version(ModelVersion v) {
        ObjectNode n = NODES.objectNode();
        n.put("name", v.name());
        n.put("version", v.version());
        n.put("reference", v.reference());
        ArrayNode aliases = n.putArray("aliases");
        v.aliases().forEach(aliases::add);
        n.put("createdAt", v.createdAt());
        n.put("source", v.source());
        n.put("family", v.family());
        n.put("bytes", v.bytes());
        n.put("sha256", v.sha256());
        n.put("seed", v.seed());
        n.put("dataSource", v.dataSource());
        ArrayNode bundles = n.putArray("bundles");
        v.bundles().forEach(bundles::add);
        ObjectNode metrics = n.putObject("metrics");
        new TreeMap<>(v.metrics()).forEach((k, x) -> metrics.set(k, Json.value(x)));
        ObjectNode spec = n.putObject("spec");
        new TreeMap<>(v.spec()).forEach(spec::put);
        n.put("checkpoint", "/api/models/" + v.name() + "/" + v.version() + "/checkpoint");
        return n;
    }

    private ApiResponse version(String name, String version) {
        return store.version(reference(name, version)).map(v -> ApiResponse.of(200, version(v)))
                .getOrElseGet(ModelResource::missing);
    }

    private ApiResponse upload(ApiRequest r, String name) {
        if (r.contentLength() > MAX_CHECKPOINT_BYTES) {
            return ApiResponse.error(413, "upload refused, nothing stored: the checkpoint is larger than "
                    + MAX_CHECKPOINT_BYTES + " bytes").withHeader("Connection", "close");
        }
        Try<ModelVersion> stored = store.upload(name, r.body(), MAX_CHECKPOINT_BYTES);
        if (stored.isFailure()) {
            Throwable e = stored.getCause();
            String m = Api.describe(e);
            return ApiResponse.error(m.contains("larger than") ? 413 : e instanceof IllegalArgumentException ? 422
                    : 500, "upload refused, nothing stored: " + m);
        }
        ModelVersion v = stored.get();
        return ApiResponse.of(201, version(v)).withHeader("Location", "/api/models/" + v.name() + "/" + v.version());
    }

    private ApiResponse alias(ApiRequest r, String name, String alias) {
        Either<ApiResponse, JsonNode> body = json(r);
        if (body.isLeft()) {
            return body.getLeft();
        }
        JsonNode version = body.get().path("version");
        if (!version.isInt() && !version.isTextual()) {
            return ApiResponse.error(400, "body: field 'version' (a version number or alias) is required");
        }
        Try<ModelVersion> target = store.version(name + "@" + version.asText())
                .flatMap(v -> store.alias(v.reference(), alias).flatMap(x -> store.version(v.reference())));
        return target.map(v -> ApiResponse.of(200, version(v))).getOrElseGet(ModelResource::missing);
    }

    private ApiResponse delete(String name, String version) {
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return ApiResponse.error(400, "a version number is required to delete, got '" + version + "'");
        }
        return store.delete(name, n).map(v -> ApiResponse.of(200, version(v))).getOrElseGet(ModelResource::missing);
    }

    private ApiResponse predict(ApiRequest r, String name) {
        String version = r.query().getOrDefault("version", "");
        Try<ModelVersion> v = store.version(reference(name, version.isEmpty() ? "latest" : version));
        if (v.isFailure()) {
            return missing(v.getCause());
        }
        Path checkpoint = Path.of(v.get().checkpoint());
        Try<io.engram.api.CheckpointMetadata> meta = predictor.describe(checkpoint);
        if (meta.isFailure()) {
            return ApiResponse.error(500, v.get().reference() + ": " + Api.describe(meta.getCause()));
        }
        if (predictor.readsFiles(checkpoint).getOrElse(false)) {
            return ApiResponse.error(415, v.get().reference() + " predicts on its application's own files; "
                    + "use engram predict");
        }
        Either<ApiResponse, byte[]> body;
        try {
            body = BoundedBody.read(r.body(), r.contentLength(), maxBodyBytes);
        } catch (IOException e) {
            return ApiResponse.error(400, "cannot read the body: " + e.getMessage());
        }
        if (body.isLeft()) {
            return body.getLeft();
        }
        boolean json = r.header("Content-Type").map(t -> t.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/json")).orElse(false);
        Either<String, List<double[][]>> input = json ? PredictInput.json(body.get(), meta.get().spec().inputSize())
                : PredictInput.text(new String(body.get(), StandardCharsets.UTF_8), meta.get().spec().inputSize());
        if (input.isLeft()) {
            return ApiResponse.error(400, input.getLeft());
        }
        Try<List<double[][]>> outputs = predictor.predict(checkpoint, input.get(), Predictor.Decode.GREEDY);
        if (outputs.isFailure()) {
            Throwable e = outputs.getCause();
            return ApiResponse.error(e instanceof IllegalArgumentException ? 400 : 500, Api.describe(e));
        }
        ObjectNode out = NODES.objectNode();
        out.put("model", v.get().reference());
        ArrayNode sequences = out.putArray("outputs");
        for (double[][] seq : outputs.get()) {
            ArrayNode steps = sequences.addArray();
            for (double[] step : seq) {
                ArrayNode row = steps.addArray();
                for (double x : step) {
                    row.add(x);
                }
            }
        }
        return ApiResponse.of(200, out);
    }

    private Either<ApiResponse, JsonNode> json(ApiRequest r) {
        try {
            Either<ApiResponse, byte[]> body = BoundedBody.read(r.body(), r.contentLength(), maxBodyBytes);
            if (body.isLeft()) {
                return Either.left(body.getLeft());
            }
            return Either.right(MAPPER.readTree(new ByteArrayInputStream(body.get())));
        } catch (IOException e) {
            return Either.left(ApiResponse.error(400, "body: not JSON: " + e.getMessage()));
        }
    }

    /** {@code name@version}; {@code latest} (or empty) is the plain name. */
    static String reference(String name, String version) {
        return version.isEmpty() || version.equals("latest") ? name : name + "@" + version;
    }

    private static ApiResponse missing(Throwable e) {
        return ApiResponse.error(e instanceof NoSuchFileException || e instanceof IllegalArgumentException
                ? (e instanceof IllegalArgumentException ? 400 : 404) : 500, Api.describe(e));
    }

    /** The model resource's answer for one request, whose method and token were checked. */
    Optional<ModelAnswer> checkpointRoute(String path) {
        String[] parts = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
        if (parts.length == 3 && parts[2].equals("checkpoint") && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return Optional.of(download(parts[0], parts[1]));
        }
        return Optional.empty();
    }
}
