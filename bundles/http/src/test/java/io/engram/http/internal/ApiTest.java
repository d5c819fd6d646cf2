package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.api.HyperParameter;
import io.engram.api.Schema;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTest {
    private static final String TOKEN = "s3cret-token";
    private static final String JSON = "application/json";

    private FakeJobManager jobs;
    private Api api;

    @BeforeEach
    void setUp() {
        Schema lstm = Schema.of(
                HyperParameter.integer("hidden", 32, 1, 4096, "Units in the cell state."),
                HyperParameter.real("forgetBias", 1.0, -10, 10, "Initial forget gate bias."),
                HyperParameter.choice("init", "xavier", List.of("xavier", "orthogonal"), "Weight initialisation."),
                HyperParameter.text("name", null, "Label.").required());
        FakePluginRegistry registry = new FakePluginRegistry(List.of(
                new PluginInfo("lstm", PluginKind.FAMILY, "1.2.0", "io.engram.family.lstm", 7,
                        Set.of("flat-parameters", "differentiable"), true, "", "Long short-term memory", lstm),
                new PluginInfo("cuda", PluginKind.BACKEND, "0.1.0", "io.engram.backend.cuda", 9, Set.of(), false,
                        "no CUDA driver", "NVIDIA GPUs", Schema.empty()),
                new PluginInfo("grammar", PluginKind.APPLICATION, "0.1.0", "io.engram.app.grammar", 11, Set.of(),
                        true, "", "Reber grammar", Schema.empty()),
                new PluginInfo("grammar", PluginKind.TRAINER, "0.1.0", "io.engram.trainer.grammar", 12,
                        Set.of("differentiable"), true, "", "A trainer sharing an id", Schema.empty())));
        jobs = new FakeJobManager();
        api = new Api(registry, jobs, new FakeJobSpecs(), Access.loopback(BearerToken.of(TOKEN)), 256);
    }

    /**
     * A request with these headers, and {@code Host: 127.0.0.1:8686} unless they name a Host (a
     * null value: none); the path may carry a query.
     */
    static ApiRequest request(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new HashMap<>();
        lower.put("host", "127.0.0.1:8686");
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        String p = path;
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            p = path.substring(0, q);
            query = path.substring(q + 1);
        }
        return new ApiRequest(method, p, query, name -> Optional.ofNullable(lower.get(name.toLowerCase(Locale.ROOT))),
                body.length, new ByteArrayInputStream(body));
    }

    private ApiResponse get(String path) {
        return api.handle(request("GET", path, Map.of(), new byte[0]));
    }

    private ApiResponse post(String body, String contentType, String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return api.handle(request("POST", "/jobs", headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse delete(String path, String token) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        return api.handle(request("DELETE", path, headers, new byte[0]));
    }

    @Test
    void listsPluginsWithEveryField() {
        ApiResponse r = get("/plugins");
        assertEquals(200, r.status());
        assertEquals(4, r.body().size());
        JsonNode lstm = r.body().get(0);
        assertEquals("{\"id\":\"lstm\",\"kind\":\"family\",\"version\":\"1.2.0\",\"bundle\":\"io.engram.family.lstm\","
                + "\"capabilities\":[\"differentiable\",\"flat-parameters\"],\"available\":true,\"reason\":\"\","
                + "\"description\":\"Long short-term memory\"}", lstm.toString());
        JsonNode cuda = r.body().get(3);
        assertEquals("cuda", cuda.get("id").asText());
        assertEquals(false, cuda.get("available").asBoolean());
        assertEquals("no CUDA driver", cuda.get("reason").asText());
    }

    @Test
    void pluginShowsItsSchema() {
        ApiResponse r = get("/plugins/lstm");
        assertEquals(200, r.status());
        JsonNode schema = r.body().get("schema");
        assertEquals(4, schema.size());
        assertEquals("{\"name\":\"hidden\",\"type\":\"int\",\"default\":\"32\",\"required\":false,\"min\":1,"
                + "\"max\":4096,\"choices\":[],\"description\":\"Units in the cell state.\"}", schema.get(0).toString());
        assertEquals(-10.0, schema.get(1).get("min").asDouble());
        assertEquals("[\"xavier\",\"orthogonal\"]", schema.get(2).get("choices").toString());
        assertTrue(schema.get(3).get("default").isNull());
        assertTrue(schema.get(3).get("required").asBoolean());
        assertTrue(schema.get(3).get("min").isNull());
    }

    @Test
    void sharedIdNeedsKind() {
        ApiResponse ambiguous = get("/plugins/grammar");
        assertEquals(400, ambiguous.status());
        assertEquals("'grammar' names several plugins (trainer, application): add ?kind=trainer or another",
                ambiguous.body().get("error").asText());
        ApiResponse trainer = get("/plugins/grammar?kind=trainer");
        assertEquals(200, trainer.status());
        assertEquals("io.engram.trainer.grammar", trainer.body().get("bundle").asText());
        assertEquals(400, get("/plugins/grammar?kind=gizmo").status());
        assertEquals(404, get("/plugins/lstm?kind=trainer").status());
        assertEquals("no plugin 'gru'", get("/plugins/gru").body().get("error").asText());
    }

    @Test
    void submitsNestedJsonAndAnswersCreated() {
        ApiResponse r = post("{\"model\":{\"family\":\"lstm\",\"hidden\":8},\"data.app\":\"grammar\",\"seed\":3}",
                JSON, TOKEN);
        assertEquals(201, r.status());
        assertEquals("/api/jobs/job-1", r.headers().get("Location"));
        assertEquals("queued", r.body().get("state").asText());
        assertEquals("8", r.body().get("spec").get("model.hidden").asText());
        assertEquals("3", r.body().get("spec").get("seed").asText());
        assertEquals("lstm@1.0.0", get("/jobs/job-1").body().get("family").asText());
        assertEquals(1, get("/jobs").body().size());
    }

    @Test
    void submitsProperties() {
        ApiResponse r = post("model.family=gru\ndata.app=grammar\nmodel.hidden=4\n",
                "text/x-java-properties; charset=UTF-8", TOKEN);
        assertEquals(201, r.status());
        assertEquals("gru@1.0.0", r.body().get("family").asText());
    }

    @Test
    void invalidSpecListsEveryProblem() {
        ApiResponse r = post("{\"model\":{\"hidden\":\"many\"}}", JSON, TOKEN);
        assertEquals(400, r.status());
        assertEquals("{\"errors\":[{\"where\":\"model.family\",\"message\":\"required: a family id\"},"
                + "{\"where\":\"data.app\",\"message\":\"required: an application id\"},"
                + "{\"where\":\"model.hidden\",\"message\":\"expected an integer in [1, 4096], got 'many'\"}]}",
                r.body().toString());
        assertEquals(0, get("/jobs").body().size());
    }

    @Test
    void syntaxErrorsAndBadBytesAreLocated() {
        ApiResponse syntax = post("{\n\"model\": }", JSON, TOKEN);
        assertEquals(400, syntax.status());
        assertEquals("request body:2", syntax.body().get("errors").get(0).get("where").asText());
        ApiResponse empty = post("  ", JSON, TOKEN);
        assertEquals(400, empty.status());
        assertEquals("request body", empty.body().get("errors").get(0).get("where").asText());
        byte[] bad = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        ApiResponse bytes = api.handle(request("POST", "/jobs",
                Map.of("Content-Type", JSON, "Authorization", "Bearer " + TOKEN), bad));
        assertEquals(400, bytes.status());
        assertEquals("byte 6", bytes.body().get("errors").get(0).get("where").asText());
        assertEquals(0, jobs.submissions());
    }

    @Test
    void unsupportedMediaType() {
        ApiResponse r = post("x", "text/csv", TOKEN);
        assertEquals(415, r.status());
        assertTrue(r.body().get("error").asText().startsWith("unsupported content type 'text/csv'"));
    }

    @Test
    void mutatingCallsNeedTheToken() {
        ApiResponse none = post("{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}", JSON, null);
        assertEquals(401, none.status());
        assertEquals("Bearer realm=\"engram\"", none.headers().get("WWW-Authenticate"));
        assertEquals("bearer token required", none.body().get("error").asText());
        ApiResponse wrong = post("{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}", JSON, TOKEN + "x");
        assertEquals(401, wrong.status());
        assertEquals("Bearer realm=\"engram\", error=\"invalid_token\"", wrong.headers().get("WWW-Authenticate"));
        ApiResponse basic = api.handle(request("POST", "/jobs",
                Map.of("Authorization", "Basic " + TOKEN), "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, basic.status());
        assertEquals(0, jobs.submissions());
        assertEquals(0, get("/jobs").body().size());
        assertEquals(401, delete("/jobs/job-1", null).status());
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        String big = "{\"model.family\":\"" + "x".repeat(300) + "\"}";
        ApiResponse r = post(big, JSON, TOKEN);
        assertEquals(413, r.status());
        assertEquals("request body larger than 256 bytes", r.body().get("error").asText());
        assertEquals(0, jobs.submissions());
    }

    @Test
    void cancelAnswersAcceptedNotFoundOrConflict() {
        post("{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}", JSON, TOKEN);
        post("{\"model.family\":\"gru\",\"data.app\":\"grammar\"}", JSON, TOKEN);
        ApiResponse cancelled = delete("/jobs/job-1", TOKEN);
        assertEquals(202, cancelled.status());
        assertEquals("cancelled", cancelled.body().get("state").asText());
        ApiResponse again = delete("/jobs/job-1", TOKEN);
        assertEquals(409, again.status());
        assertEquals("job job-1 already ended (cancelled)", again.body().get("error").asText());
        assertEquals(404, delete("/jobs/job-9", TOKEN).status());
        jobs.end("job-2", JobState.SUCCEEDED, null);
        assertEquals(409, delete("/jobs/job-2", TOKEN).status());
    }

    @Test
    void eventsCarryTheirTypeAndFields() {
        post("{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}", JSON, TOKEN);
        jobs.end("job-1", JobState.FAILED, new TrainingEvent.EpochEnd(2, 0.5, Double.NaN, Map.of("acc", 0.75)));
        ApiResponse r = get("/jobs/job-1/events");
        assertEquals(200, r.status());
        assertEquals(3, r.body().size());
        assertEquals("state", r.body().get(0).get("type").asText());
        assertEquals("queued", r.body().get(0).get("state").asText());
        assertEquals("{\"jobId\":\"job-1\",\"seq\":1,\"time\":\"2026-01-01T00:00:01Z\",\"state\":\"running\","
                + "\"type\":\"epoch\",\"epoch\":2,\"trainLoss\":0.5,\"validationLoss\":\"NaN\","
                + "\"metrics\":{\"acc\":0.75}}", r.body().get(1).toString());
        assertEquals("failed", r.body().get(2).get("state").asText());
        ApiResponse after = get("/jobs/job-1/events?after=1");
        assertEquals(1, after.body().size());
        assertEquals(2, after.body().get(0).get("seq").asLong());
        assertEquals("after: expected an integer >= -1, got 'x'",
                get("/jobs/job-1/events?after=x").body().get("error").asText());
        assertEquals(404, get("/jobs/nope/events").status());
    }

    @Test
    void unknownPathsAndWrongMethods() {
        ApiResponse missing = get("/nothing");
        assertEquals(404, missing.status());
        assertEquals("no such resource: /api/nothing", missing.body().get("error").asText());
        assertEquals(404, get("/jobs/job-1").status());
        assertEquals(404, get("/jobs/a/b/c").status());
        ApiResponse wrong = api.handle(request("PUT", "/jobs", Map.of("Authorization", "Bearer " + TOKEN), new byte[0]));
        assertEquals(405, wrong.status());
        assertEquals("GET, HEAD, POST", wrong.headers().get("Allow"));
        ApiResponse deletePlugins = delete("/plugins", null);
        assertEquals(405, deletePlugins.status());
        assertEquals("GET, HEAD", deletePlugins.headers().get("Allow"));
        assertEquals(200, get("/plugins/").status());
        assertEquals("{\"plugins\":\"/api/plugins\",\"jobs\":\"/api/jobs\"}", get("/").body().toString());
        ApiResponse head = api.handle(request("HEAD", "/jobs", Map.of(), new byte[0]));
        assertEquals(200, head.status());
    }

    @Test
    void bodyOfUnknownLengthIsCutAtTheLimit() {
        CountingStream endless = new CountingStream();
        ApiRequest r = new ApiRequest("POST", "/jobs", null,
                name -> name.equalsIgnoreCase("Authorization") ? Optional.of("Bearer " + TOKEN)
                        : name.equalsIgnoreCase("Host") ? Optional.of("localhost") : Optional.empty(),
                -1, endless);
        assertEquals(413, api.handle(r).status());
        assertTrue(endless.read <= 257, "read " + endless.read);
    }

    /** An endless body of spaces that counts the bytes taken from it. */
    static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            read += len;
            return len;
        }
    }
}
