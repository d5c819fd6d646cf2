package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram serve}: the REST API over a real socket, and a clean stop on SIGTERM. */
class ServeIT {

    static final Duration BOOT = Duration.ofSeconds(90);
    static final Duration JOB = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    static EngramProcess serve(Path home, int port) throws Exception {
        return serve(home, port, Map.of());
    }

    /** {@code engram serve} on {@code port} with {@code args} after the verb (such as --set k=v); waits until it serves. */
    static EngramProcess serve(Path home, int port, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("ENGRAM_HTTP_PORT", Integer.toString(port));
        List<String> cmd = new ArrayList<>(List.of("serve"));
        cmd.addAll(List.of(args));
        EngramProcess p = EngramProcess.start(home, all, cmd.toArray(String[]::new));
        p.awaitOutput(out -> out.contains("engram: serving http://127.0.0.1:" + port + "/api"), BOOT);
        return p;
    }

    static String token(Path home) throws Exception {
        return Files.readString(home.resolve("conf/token")).strip();
    }

    @Test
    void restApiAndCleanStop() throws Exception {
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        String running;
        try (EngramProcess p = serve(home, port)) {
            assertTrue(p.out().contains("bearer token in " + home.resolve("conf/token")), p.transcript());
            Rest rest = new Rest(port, token(home));

            Rest.Reply plugins = rest.get("/plugins");
            assertEquals(200, plugins.status(), plugins.body());
            List<String> ids = new ArrayList<>();
            plugins.json().forEach(n -> ids.add(n.path("id").asText()));
            assertTrue(ids.containsAll(List.of("lstm", "gru", "bptt", "rtrl", "cpu", "grammar", "csv")), ids.toString());

            Rest.Reply anonymous = rest.post("/jobs", Specs.json(Specs.TINY), false);
            assertEquals(401, anonymous.status(), anonymous.body());
            assertEquals(0, rest.get("/jobs").json().size(), "nothing created without the token");

            Rest.Reply invalid = rest.post("/jobs", Specs.json(Specs.BAD), true);
            assertEquals(400, invalid.status(), invalid.body());
            List<String> where = new ArrayList<>();
            invalid.json().path("errors").forEach(e -> where.add(e.path("where").asText()));
            assertTrue(where.containsAll(Specs.BAD_KEYS), where.toString());
            assertEquals(0, rest.get("/jobs").json().size(), "nothing created from an invalid spec");

            Rest.Reply created = rest.post("/jobs", Specs.json(Specs.TINY), true);
            assertEquals(201, created.status(), created.body());
            String tiny = created.json().path("id").asText();
            Rest.Reply one = rest.get("/jobs/" + tiny);
            assertEquals(200, one.status(), one.body());
            assertEquals(tiny, one.json().path("id").asText());
            JsonNode done = rest.awaitState(tiny, JOB, "succeeded");
            assertTrue(done.path("family").asText().startsWith("lstm@"), done.toString());

            String endless = rest.post("/jobs", Specs.json(Specs.ENDLESS), true).json().path("id").asText();
            rest.awaitState(endless, JOB, "running");
            Rest.Reply cancel = rest.delete("/jobs/" + endless);
            assertEquals(202, cancel.status(), cancel.body());
            rest.awaitState(endless, JOB, "cancelled");
            assertEquals(404, rest.get("/jobs/no-such-job").status());

            running = rest.post("/jobs", Specs.json(Specs.ENDLESS), true).json().path("id").asText();
            rest.awaitState(running, JOB, "running");
            p.terminate();
            assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.transcript());
            assertTrue(p.out().contains("engram: stopping"), p.transcript());
        }

        try (EngramProcess again = serve(home, port)) {
            Rest rest = new Rest(port, token(home));
            JsonNode job = rest.get("/jobs/" + running).json();
            assertEquals("cancelled", job.path("state").asText().toLowerCase(), job.toString());
            assertEquals(3, rest.get("/jobs").json().size(), "the history survives a restart");
        }
    }
}
