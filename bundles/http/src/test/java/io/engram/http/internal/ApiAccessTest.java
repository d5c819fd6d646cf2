package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.api.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Host check, the token for reading, and CORS, through {@link Api#handle}. */
class ApiAccessTest {
    private static final String TOKEN = "s3cret-token";
    private static final String SPEC = "{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}";
    private static final String APP = "https://app.example:8443";

    private FakeJobManager jobs;
    private FakePluginRegistry registry;

    @BeforeEach
    void setUp() {
        jobs = new FakeJobManager();
        registry = new FakePluginRegistry(List.of(new PluginInfo("lstm", PluginKind.FAMILY, "1.2.0",
                "io.engram.family.lstm", 7, Set.of(), true, "", "Long short-term memory", Schema.empty())));
    }

    private Api api(boolean readsNeedToken, String host, List<String> origins) {
        return new Api(registry, jobs, new FakeJobSpecs(), new Access(BearerToken.of(TOKEN), readsNeedToken,
                HostCheck.of(host, List.of()), CorsPolicy.of(origins, m -> { })), 4096);
    }

    private static ApiResponse call(Api api, String method, String path, Map<String, String> headers, String body) {
        return api.handle(ApiTest.request(method, path, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void foreignHostIsRefusedBeforeAnythingElseForEveryMethod() {
        Api api = api(false, "127.0.0.1", List.of());
        for (String method : List.of("GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS")) {
            for (String host : List.of("evil.example", "evil.example:8686", "127.0.0.1.nip.io:8686")) {
                ApiResponse r = call(api, method, "/jobs", headers("Host", host, "Authorization", "Bearer " + TOKEN,
                        "Content-Type", "application/json", "Access-Control-Request-Method", "POST",
                        "Origin", "http://" + host), SPEC);
                assertEquals(421, r.status(), method + " " + host);
                assertTrue(r.body().get("error").asText().startsWith("host '"), r.body().toString());
                assertTrue(r.headers().keySet().stream().noneMatch(h -> h.startsWith("Access-Control")));
            }
        }
        ApiResponse unknownPath = call(api, "GET", "/nothing", headers("Host", "evil.example"), "");
        assertEquals(421, unknownPath.status());
        ApiResponse noHost = call(api, "GET", "/plugins", headers("Host", null), "");
        assertEquals(421, noHost.status());
        assertEquals(0, jobs.submissions());
        assertEquals(200, call(api, "GET", "/plugins", headers("Host", "localhost:8686"), "").status());
    }

    @Test
    void readingNeedsTheTokenWhenConfiguredAndLeaksNothing() {
        jobs.submit(Map.of("model.family", "lstm", "data.app", "grammar"));
        Api api = api(true, "0.0.0.0", List.of());
        for (String path : List.of("/", "/plugins", "/plugins/lstm", "/jobs", "/jobs/job-1", "/jobs/job-1/events",
                "/jobs/job-9")) {
            ApiResponse none = call(api, "GET", path, Map.of(), "");
            assertEquals(401, none.status(), path);
            assertEquals("{\"error\":\"bearer token required\"}", none.body().toString());
            assertEquals("Bearer realm=\"engram\"", none.headers().get("WWW-Authenticate"));
            ApiResponse wrong = call(api, "HEAD", path, headers("Authorization", "Bearer " + TOKEN + "x"), "");
            assertEquals(401, wrong.status(), path);
            assertEquals("{\"error\":\"invalid bearer token\"}", wrong.body().toString());
            assertFalse(wrong.headers().containsKey("X-Total-Count"));
        }
        ApiResponse ok = call(api, "GET", "/jobs", headers("Authorization", "Bearer " + TOKEN), "");
        assertEquals(200, ok.status());
        assertEquals("job-1", ok.body().get(0).get("id").asText());
        assertEquals(200, call(api, "GET", "/plugins", headers("Authorization", "Bearer " + TOKEN), "").status());
    }

    @Test
    void readingIsOpenWhenNotRequiredButWritingNeverIs() {
        Api api = api(false, "127.0.0.1", List.of());
        assertEquals(200, call(api, "GET", "/jobs", Map.of(), "").status());
        assertEquals(401, call(api, "POST", "/jobs", headers("Content-Type", "application/json"), SPEC).status());
        assertEquals(0, jobs.submissions());
    }

    @Test
    void corsClosedByDefault() {
        Api api = api(false, "127.0.0.1", List.of());
        ApiResponse preflight = call(api, "OPTIONS", "/jobs", headers("Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"), "");
        assertEquals(403, preflight.status());
        assertEquals("{\"error\":\"cross-origin requests are not enabled here (http.cors.origins)\"}",
                preflight.body().toString());
        ApiResponse get = call(api, "GET", "/jobs", headers("Origin", APP), "");
        assertEquals(200, get.status());
        for (ApiResponse r : List.of(preflight, get)) {
            assertTrue(r.headers().keySet().stream().noneMatch(h -> h.startsWith("Access-Control")), r.headers().toString());
            assertNull(r.headers().get("Vary"));
        }
        ApiResponse post = call(api, "POST", "/jobs", headers("Origin", APP, "Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), SPEC);
        assertEquals(403, post.status());
        assertEquals("origin 'https://app.example:8443' may not change anything here (http.cors.origins)",
                post.body().get("error").asText());
        ApiResponse delete = call(api, "DELETE", "/jobs/job-1", headers("Origin", "null",
                "Authorization", "Bearer " + TOKEN), "");
        assertEquals(403, delete.status());
        assertEquals(0, jobs.submissions());
        ApiResponse sameOrigin = call(api, "POST", "/jobs", headers("Origin", "http://127.0.0.1:8686",
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), SPEC);
        assertEquals(201, sameOrigin.status(), sameOrigin.body().toString());
        ApiResponse plainOptions = call(api, "OPTIONS", "/jobs", Map.of(), "");
        assertEquals(405, plainOptions.status());
    }

    @Test
    void configuredOriginGetsPreflightAndReadableAnswers() {
        Api api = api(false, "127.0.0.1", List.of(APP, "http://tools.example"));
        ApiResponse preflight = call(api, "OPTIONS", "/jobs", headers("Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), "");
        assertEquals(204, preflight.status());
        assertNull(preflight.body());
        assertEquals(APP, preflight.headers().get("Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, POST", preflight.headers().get("Access-Control-Allow-Methods"));
        assertEquals("Authorization, Content-Type, Last-Event-ID", preflight.headers().get("Access-Control-Allow-Headers"));
        assertEquals("600", preflight.headers().get("Access-Control-Max-Age"));
        assertEquals("Origin", preflight.headers().get("Vary"));
        assertFalse(preflight.headers().containsKey("Access-Control-Allow-Credentials"));

        ApiResponse wrongMethod = call(api, "OPTIONS", "/plugins", headers("Origin", APP,
                "Access-Control-Request-Method", "DELETE"), "");
        assertEquals(403, wrongMethod.status());
        assertEquals("DELETE not allowed on /api/plugins (allowed: GET, HEAD)", wrongMethod.body().get("error").asText());
        ApiResponse other = call(api, "OPTIONS", "/jobs", headers("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), "");
        assertEquals(403, other.status());
        assertNull(other.headers().get("Access-Control-Allow-Origin"));

        ApiResponse post = call(api, "POST", "/jobs", headers("Origin", "HTTP://TOOLS.EXAMPLE:80",
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), SPEC);
        assertEquals(201, post.status());
        assertEquals("HTTP://TOOLS.EXAMPLE:80", post.headers().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", post.headers().get("Vary"));
        assertTrue(post.headers().get("Access-Control-Expose-Headers").contains("Location"));
        ApiResponse get = call(api, "GET", "/jobs", headers("Origin", APP), "");
        assertEquals(APP, get.headers().get("Access-Control-Allow-Origin"));
        ApiResponse foreignGet = call(api, "GET", "/jobs", headers("Origin", "https://evil.example"), "");
        assertEquals(200, foreignGet.status());
        assertNull(foreignGet.headers().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", foreignGet.headers().get("Vary"));
        ApiResponse foreignPost = call(api, "POST", "/jobs", headers("Origin", "https://evil.example",
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), SPEC);
        assertEquals(403, foreignPost.status());
        assertEquals(1, jobs.submissions());
    }

    @Test
    void starAndMalformedOriginsAreRefusedWithAWarning() {
        List<String> warnings = new ArrayList<>();
        CorsPolicy p = CorsPolicy.of(List.of("*", "https://ok.example", "https://bad.example/path", " "), warnings::add);
        assertEquals(List.of("http.cors.origins: '*' is not accepted (any web page could read the API); list each "
                        + "origin, such as https://app.example:8443",
                "http.cors.origins: 'https://bad.example/path' is not an origin (scheme://host[:port], no path); ignored"),
                warnings);
        assertTrue(p.enabled());
        assertTrue(p.allows(java.util.Optional.of("https://ok.example:443")));
        assertFalse(p.allows(java.util.Optional.of("https://evil.example")));
        assertFalse(CorsPolicy.of(List.of("*"), m -> { }).enabled());
    }
}
