package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API over a real socket in front of the real kernel, with the CPU backend as the only plugin
 * installed (see {@link ItRuntime}).
 */
class HttpApiIT {
    private static ItRuntime rt;

    @BeforeAll
    static void boot() throws Exception {
        rt = ItRuntime.boot("kernel", true, List.of());
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void tokenWasGeneratedIntoTheOwnerOnlyFile() throws Exception {
        assertTrue(rt.token.matches("[A-Za-z0-9_-]{43}"), rt.token);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rt.tokenFile)));
        }
    }

    @Test
    void listsPluginsAndSchemas() throws Exception {
        HttpResponse<String> list = rt.get("/api/plugins");
        assertEquals(200, list.statusCode());
        assertEquals("application/json;charset=utf-8",
                list.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertTrue(list.body().startsWith("[{\"id\":\"cpu\",\"kind\":\"backend\",\"version\":\"0.2.0"), list.body());
        assertTrue(list.body().contains("\"bundle\":\"io.engram.backend.cpu\",\"capabilities\":["), list.body());
        assertTrue(list.body().contains("\"available\":true"), list.body());
        assertEquals(1, list.body().split("\"id\":", -1).length - 1, list.body());
        HttpResponse<String> one = rt.get("/api/plugins/cpu?kind=backend");
        assertEquals(200, one.statusCode());
        assertTrue(one.body().trim().endsWith(",\"schema\":[]}"), one.body());
        assertEquals(404, rt.get("/api/plugins/cpu?kind=family").statusCode());
        HttpResponse<String> none = rt.get("/api/plugins/lstm");
        assertEquals(404, none.statusCode());
        assertEquals("{\"error\":\"no plugin 'lstm'\"}", none.body().trim());
    }

    @Test
    void postWithoutOrWithWrongTokenIsRefusedAndCreatesNothing() throws Exception {
        String spec = "{\"model\":{\"family\":\"lstm\"},\"data\":{\"app\":\"grammar\"}}";
        HttpResponse<String> none = rt.send("POST", "/api/jobs", spec, Map.of("Content-Type", "application/json"));
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"engram\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("{\"error\":\"bearer token required\"}", none.body().trim());
        HttpResponse<String> wrong = rt.send("POST", "/api/jobs", spec,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + rt.token.substring(1) + "x"));
        assertEquals(401, wrong.statusCode());
        assertEquals("[]", rt.get("/api/jobs").body().trim());
        assertEquals(401, rt.send("DELETE", "/api/jobs/job-000001", null, Map.of()).statusCode());
    }

    @Test
    void invalidSpecNamesEveryProblem() throws Exception {
        HttpResponse<String> json = rt.post("{\"model\":{\"hidden\":\"8\"},\"seed\":\"x\"}", "application/json");
        assertEquals(400, json.statusCode());
        assertTrue(json.body().startsWith("{\"errors\":[{\"where\":"), json.body());
        for (String where : List.of("seed", "model.family", "data.app", "trainer")) {
            assertTrue(json.body().contains("\"where\":\"" + where + "\""), where + " in " + json.body());
        }
        HttpResponse<String> props = rt.post("model.family=lstm\ndata.app=grammar\n", "text/x-java-properties");
        assertEquals(400, props.statusCode());
        assertTrue(props.body().matches("(?s).*\\{\"where\":\"model.family\",\"message\":\"[^\"]*'lstm'.*"), props.body());
        HttpResponse<String> yaml = rt.post("model:\n  family: lstm\ndata:\n  app: grammar\n", "application/yaml");
        assertEquals(400, yaml.statusCode());
        assertTrue(yaml.body().matches("(?s).*\\{\"where\":\"model.family\",\"message\":\"[^\"]*'lstm'.*"), yaml.body());
        HttpResponse<String> syntax = rt.post("{\n  \"model\": [1,\n}", "application/json");
        assertEquals(400, syntax.statusCode());
        assertTrue(syntax.body().contains("\"where\":\"request body"), syntax.body());
        assertEquals("[]", rt.get("/api/jobs").body().trim());
    }

    @Test
    void unknownJobsAre404() throws Exception {
        HttpResponse<String> job = rt.get("/api/jobs/job-000999");
        assertEquals(404, job.statusCode());
        assertEquals("{\"error\":\"no job 'job-000999'\"}", job.body().trim());
        assertEquals(404, rt.get("/api/jobs/job-000999/events").statusCode());
        assertEquals(404, rt.send("DELETE", "/api/jobs/job-000999", null, rt.auth()).statusCode());
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        HttpResponse<String> missing = rt.get("/api/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no such resource: /api/nothing\"}", missing.body().trim());
        HttpResponse<String> put = rt.send("PUT", "/api/plugins", "{}", rt.auth());
        assertEquals(405, put.statusCode());
        assertEquals("GET, HEAD", put.headers().firstValue("Allow").orElse(""));
        String badQuery = rt.rawExchange("GET /api/plugins/cpu?kind=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "");
        assertTrue(badQuery.startsWith("HTTP/1.1 400 "), badQuery);
        assertTrue(badQuery.contains("{\"error\":\"malformed query string: "), badQuery);
        HttpResponse<String> head = rt.send("HEAD", "/api/jobs", null, Map.of());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        String declared = rt.rawExchange("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + rt.token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (ItRuntime.MAX_BODY + 1) + "\r\n\r\n", " ".repeat((int) ItRuntime.MAX_BODY + 1));
        assertTrue(declared.startsWith("HTTP/1.1 413 "), declared);
        assertTrue(declared.contains("{\"error\":\"request body larger than 1024 bytes\"}"), declared);

        String chunk = " ".repeat(600);
        String chunked = rt.rawExchange("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + rt.token + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n",
                "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertEquals("[]", rt.get("/api/jobs").body().trim());
    }

    @Test
    void foreignHostNamesGet421AndChangeNothing() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + rt.port, "127.0.0.1.nip.io:" + rt.port,
                "7f000001.c0a80001.rbndr.us:" + rt.port)) {
            String get = rt.rawExchange("GET /api/jobs HTTP/1.1\r\nHost: " + host + "\r\n\r\n", "");
            assertTrue(get.startsWith("HTTP/1.1 421 "), get);
            assertTrue(get.contains("{\"error\":\"host '"), get);
        }
        String spec = "{\"model\":{\"family\":\"lstm\"}}";
        String post = rt.rawExchange("POST /api/jobs HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
                + rt.token + "\r\nContent-Type: application/json\r\nContent-Length: " + spec.length() + "\r\n\r\n", spec);
        assertTrue(post.startsWith("HTTP/1.1 421 "), post);
        String local = rt.rawExchange("GET /api/jobs HTTP/1.1\r\nHost: localhost:" + rt.port + "\r\nConnection: close\r\n\r\n", "");
        assertTrue(local.startsWith("HTTP/1.1 200 "), local);
        assertEquals("[]", rt.get("/api/jobs").body().trim());
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        HttpResponse<String> preflight = rt.send("OPTIONS", "/api/jobs", null, Map.of("Origin", "https://app.example",
                "Access-Control-Request-Method", "POST"));
        assertEquals(403, preflight.statusCode());
        assertEquals("{\"error\":\"cross-origin requests are not enabled here (http.cors.origins)\"}",
                preflight.body().trim());
        HttpResponse<String> get = rt.send("GET", "/api/plugins", null, Map.of("Origin", "https://app.example"));
        assertEquals(200, get.statusCode());
        for (HttpResponse<String> r : List.of(preflight, get)) {
            assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control")),
                    r.headers().map().toString());
        }
        HttpResponse<String> post = rt.send("POST", "/api/jobs", "{}", Map.of("Origin", "https://app.example",
                "Authorization", "Bearer " + rt.token, "Content-Type", "application/json"));
        assertEquals(403, post.statusCode());
    }

    @Test
    void readingIsOpenOnLoopbackAndJobsComeInPages() throws Exception {
        HttpResponse<String> jobs = rt.send("GET", "/api/jobs?offset=0&limit=10", null, Map.of());
        assertEquals(200, jobs.statusCode());
        assertEquals("0", jobs.headers().firstValue("X-Total-Count").orElse(""));
        assertTrue(jobs.headers().firstValue("Link").isEmpty());
        HttpResponse<String> bad = rt.get("/api/jobs?limit=501");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"limit: expected an integer in [1, 500], got '501'\"}", bad.body().trim());
    }
}
