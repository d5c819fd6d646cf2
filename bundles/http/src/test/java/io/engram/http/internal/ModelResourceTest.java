package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.kernel.Predictor;
import io.engram.store.internal.FileModelStore;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import io.vavr.Lazy;
import io.vavr.control.Try;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResourceTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path tmp;

    private FileModelStore store;
    private ModelServlet servlet;

    record HostTensor(Shape shape, DType dtype, double[] values) implements Tensor {
        @Override
        public double[] toDoubleArray() {
            return values.clone();
        }

        @Override
        public float[] toFloatArray() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }
    }

    /** Predicts each step's features times the model's weight {@code w[0]}, so answers are checkable. */
    record ScalingPredictor() implements Predictor {
        @Override
        public Try<CheckpointMetadata> describe(Path checkpoint) {
            return CheckpointFile.readMetadata(checkpoint);
        }

        @Override
        public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
            return CheckpointFile.read(checkpoint, new io.engram.backend.cpu.CpuBackend(1).ops()).map(c -> {
                double w = c.tensors().get("w").toDoubleArray()[0];
                List<double[][]> out = new ArrayList<>();
                for (double[][] seq : inputs) {
                    out.add(Arrays.stream(seq).map(step -> Arrays.stream(step).map(x -> x * w).toArray())
                            .toArray(double[][]::new));
                }
                return out;
            });
        }
    }

    private Path checkpoint(String file, double w) throws Exception {
        ModelSpec spec = new ModelSpec("elman", 2, 2, DType.F64, Hyperparameters.of(Map.of("hidden", 4)));
        Provenance provenance = new Provenance(3, "gen:toy", "abc", List.of(new BundleRef("io.engram.family.elman",
                "1.0.0")), Map.of("seed", "3"), "2026-01-01T00:00:00Z");
        Path p = tmp.resolve(file);
        CheckpointFile.write(p, new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family.elman", "1.0.0",
                spec, provenance), Map.of("w", new HostTensor(Shape.of(2), DType.F64, new double[] {w, 0})));
        return p;
    }

    @BeforeEach
    void setUp() throws Exception {
        store = new FileModelStore(tmp.resolve("models"));
        TestConfig config = new TestConfig(TOKEN, "", 4096, "127.0.0.1", false, "auto", new String[0], new String[0]);
        servlet = new ModelServlet(store, new ScalingPredictor(), config, Lazy.of(() -> Access.loopback(
                BearerToken.of(TOKEN))));
        store.register("toy", checkpoint("a.ckpt", 2), "00001", Map.of("validation.loss", 0.5)).get();
        store.register("toy", checkpoint("b.ckpt", 3), "00002", Map.of()).get();
    }

    private ModelAnswer call(String method, String path, String contentType, byte[] body, String token) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return servlet.handle(ApiTest.request(method, path, headers, body));
    }

    private JsonNode json(ModelAnswer a, int status) {
        assertEquals(status, a.json().status(), () -> String.valueOf(a.json().body()));
        return a.json().body();
    }

    @Test
    void listsModelsWithTheirVersionsAndAliases() {
        store.alias("toy@1", "production").get();
        JsonNode list = json(call("GET", "/", null, new byte[0], null), 200);
        assertEquals(1, list.size());
        assertEquals("toy", list.get(0).get("name").asText());
        assertEquals(2, list.get(0).get("latest").asInt());
        assertEquals(1, list.get(0).path("aliases").path("production").asInt());
        assertEquals(0.5, list.get(0).path("versions").get(0).path("metrics").path("validation.loss").asDouble());
        JsonNode one = json(call("GET", "/toy/production", null, new byte[0], null), 200);
        assertEquals("toy@1", one.get("reference").asText());
        assertEquals(404, call("GET", "/toy/7", null, new byte[0], null).json().status());
        assertEquals(404, call("GET", "/nothing", null, new byte[0], null).json().status());
    }

    @Test
    void downloadsTheCheckpointWithItsChecksum() throws Exception {
        ModelAnswer a = call("GET", "/toy/1/checkpoint", null, new byte[0], null);
        assertNull(a.json());
        assertEquals(store.version("toy@1").get().sha256(), a.sha256());
        assertEquals("toy-1.ckpt", a.fileName());
        assertEquals(tmp.resolve("models/toy/1/model.ckpt"), a.file());
        assertEquals(405, call("POST", "/toy/1/checkpoint", null, new byte[0], TOKEN).json().status());
    }

    @Test
    void uploadsNeedTheTokenAndABadFileStoresNothing() throws Exception {
        byte[] good = Files.readAllBytes(checkpoint("c.ckpt", 5));
        assertEquals(401, call("POST", "/toy", "application/octet-stream", good, null).json().status());
        byte[] bad = good.clone();
        bad[bad.length - 3] ^= 0x55;
        JsonNode refused = json(call("POST", "/toy", "application/octet-stream", bad, TOKEN), 422);
        assertTrue(refused.get("error").asText().startsWith("upload refused, nothing stored: not a valid checkpoint"),
                refused.toString());
        assertEquals(2, store.versions("toy").size());
        JsonNode created = json(call("POST", "/toy", "application/octet-stream", good, TOKEN), 201);
        assertEquals(3, created.get("version").asInt());
        assertEquals("upload", created.get("source").asText());
    }

    @Test
    void setsAnAliasWithTheToken() {
        byte[] body = "{\"version\": 1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, call("PUT", "/toy/aliases/production", "application/json", body, null).json().status());
        JsonNode set = json(call("PUT", "/toy/aliases/production", "application/json", body, TOKEN), 200);
        assertEquals("toy@1", set.get("reference").asText());
        assertEquals(1, store.version("toy@production").get().version());
        assertEquals(400, call("PUT", "/toy/aliases/9x", "application/json", "{}".getBytes(), TOKEN).json().status());
    }

    @Test
    void predictsFromTextAndJsonAlike() {
        byte[] text = "# two sequences\n1,2; 3,4\n0.5,-1\n".getBytes(StandardCharsets.UTF_8);
        JsonNode fromText = json(call("POST", "/toy/predict", "text/plain", text, null), 200);
        assertEquals("toy@2", fromText.get("model").asText());
        assertEquals("[[[3.0,6.0],[9.0,12.0]],[[1.5,-3.0]]]", fromText.get("outputs").toString());
        byte[] body = "{\"sequences\": [[[1,2],[3,4]],[[0.5,-1]]]}".getBytes(StandardCharsets.UTF_8);
        JsonNode fromJson = json(call("POST", "/toy/predict?version=1", "application/json", body, null), 200);
        assertEquals("toy@1", fromJson.get("model").asText());
        assertEquals("[[[2.0,4.0],[6.0,8.0]],[[1.0,-2.0]]]", fromJson.get("outputs").toString());
        JsonNode wrong = json(call("POST", "/toy/predict", "text/plain", "1,2,3\n".getBytes(), null), 400);
        assertEquals("line 1, step 1: 3 features, the model takes 2", wrong.get("error").asText());
        JsonNode notNumber = json(call("POST", "/toy/predict", "application/json",
                "{\"sequences\": [[[1,\"x\"]]]}".getBytes(), null), 400);
        assertEquals("sequences[0][0][1]: not a number", notNumber.get("error").asText());
    }

    @Test
    void deletesAVersionByNumberOnly() {
        assertEquals(400, call("DELETE", "/toy/latest", null, new byte[0], TOKEN).json().status());
        assertEquals(401, call("DELETE", "/toy/1", null, new byte[0], null).json().status());
        assertEquals(1, json(call("DELETE", "/toy/1", null, new byte[0], TOKEN), 200).get("version").asInt());
        assertEquals(List.of(2), store.versions("toy").stream().map(v -> v.version()).toList());
        assertArrayEquals(new int[] {2}, store.versions().stream().mapToInt(v -> v.version()).toArray());
    }
}
