package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five attacks and failures that once got through, each replayed through the real
 * {@code bin/engram} and shown to fail safely: a checkpoint written anywhere, any file read and
 * shown (and reads without the token or from a foreign Host), a job out of memory, records without
 * bound, and writes that fail or are cut off by kill -9.
 */
class HardeningIT {

    static final Duration LIMIT = Duration.ofSeconds(120);
    static final long SEED = 9L;
    /** The heap of the out-of-memory tests: the platform's own live heap in it is under 10 MB. */
    static final String SMALL_HEAP = "-Xmx96m";
    /**
     * A Hopfield network of 4,000 units (f64): the estimate, which counts data and the activations
     * of gradient training, lets it through at jobs.memory.fraction=1 and {@link #SMALL_HEAP}, and
     * its weight matrix, 128 MB in one array, cannot be allocated when the family creates the
     * network. One allocation that fails leaves the heap as it was, so the process goes on (a job
     * whose data filled the heap step by step would leave the other threads short as well).
     */
    static final String OUT_OF_MEMORY = """
            job.name=it-oom
            seed=7
            dtype=f64
            model.family=hopfield
            model.units=4000
            trainer=hebbian
            trainer.rule=hebbian
            trainer.epochs=1
            data.app=patterns
            data.task=auto
            data.size=4000
            data.load=0.01
            data.noise=0.1
            data.validation.size=2
            data.test.size=2
            data.recall.steps=2
            """;
    static final int STEPS = 10_000;
    static final int EPOCHS = 20;
    static final int RECENT = 200;
    static final int PAGE = 100;
    static final long RECORD_BOUND = 128 * 1024;

    /** A CSV job reading {@code data.file} (appended): rows of {@code id,x,next}. */
    static final String CSV = """
            job.name=it-csv
            seed=7
            model.family=lstm
            model.hidden=4
            trainer=bptt
            trainer.epochs=1
            data.app=csv
            data.layout=rows
            data.sequence.column=id
            data.input.columns=x
            data.target.columns=next
            data.loss=mse
            """;

    @TempDir
    Path tmp;
    Path home;
    int runs;

    @BeforeEach
    void install() throws Exception {
        home = Installation.copy(tmp);
    }

    // ---- (a) any file written ------------------------------------------------------------

    /** A checkpoint path outside the model store, absolute or climbing out, is refused at validation; nothing is written. */
    @Test
    void checkpointOutsideTheModelStoreIsRefusedAndNothingIsWritten() throws Exception {
        Path outside = tmp.resolve("outside-" + Long.toHexString(new Random(SEED).nextLong()));
        Path script = home.resolve("bin/engram");
        byte[] before = Files.readAllBytes(script);
        for (String target : List.of(outside.resolve("x.sh").toString(), "../../bin/engram", "sub/../../../bin/engram")) {
            try (EngramProcess p = run(Specs.TINY + "checkpoint=" + target + "\n")) {
                assertEquals(2, p.waitFor(LIMIT), target + "\n" + p.transcript());
                assertTrue(names(p.err(), "checkpoint"), "no line names checkpoint for " + target + "\n" + p.transcript());
                assertTrue(p.out().lines().noneMatch(l -> l.startsWith("job-")), "nothing was queued\n" + p.transcript());
            }
        }
        assertFalse(Files.exists(outside), outside + " was created");
        assertArrayEquals(before, Files.readAllBytes(script), "bin/engram changed");
    }

    /** Spec text reaches a checkpoint's provenance encoded: no newline or shell syntax of the spec stands raw in it. */
    @Test
    void checkpointInTheModelStoreHoldsNoRawSpecText() throws Exception {
        String injected = "it-ckpt\\necho INJECTED; $(touch pwned) `id`";
        try (EngramProcess p = run(Specs.TINY.replace("job.name=it-tiny", "job.name=" + injected) + "checkpoint=it.ckpt\n")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            Matcher m = Pattern.compile("(?m)^checkpoint: (.+)$").matcher(p.out());
            assertTrue(m.find(), p.transcript());
            Path file = Path.of(m.group(1).strip());
            assertEquals(home.resolve("data/models/it/1/model.ckpt").toRealPath(), file.toRealPath(), "registered in the model store");
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            int at = bytes.indexOf("INJECTED");
            assertTrue(at > 0, "the job name is in the provenance");
            String around = bytes.substring(Math.max(0, at - 40), Math.min(bytes.length(), at + 80));
            for (String raw : List.of("\n", ";", "$(", "`")) {
                assertFalse(around.contains(raw), "raw '" + raw + "' in " + file + ": " + around);
            }
        }
    }

    // ---- (b) any file read and shown ------------------------------------------------------

    /** {@code data.file} outside the data roots (a system file, the token) is refused, naming the key, and never read. */
    @Test
    void inputFilesOutsideTheDataRootsAreRefusedUnread() throws Exception {
        String token = "tok-" + Long.toHexString(new Random(SEED + 1).nextLong());
        Files.writeString(home.resolve("conf/token"), token);
        for (String file : List.of("/etc/passwd", "conf/token", "data/../conf/token", home.resolve("conf/token").toString())) {
            try (EngramProcess p = run(CSV + "data.file=" + file + "\n")) {
                assertEquals(2, p.waitFor(LIMIT), file + "\n" + p.transcript());
                assertTrue(names(p.err(), "data.file"), "no line names data.file for " + file + "\n" + p.transcript());
                assertFalse(p.transcript().contains("root:"), p.transcript());
                assertFalse(p.transcript().contains(token), p.transcript());
            }
        }
    }

    /**
     * With {@code http.read.token=always}, every read needs the token and a refusal shows no job
     * data; {@code data.file} outside the roots is refused through the API too; a malformed file
     * inside them fails its job with an error naming file and line, never its text.
     */
    @Test
    void readsNeedTheTokenAndErrorsNeverShowFileContents() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/header-leak.csv"), "SECRET-HEADER-4f1c\n1\n2\n");
        Files.writeString(home.resolve("data/cell-leak.csv"), "id,x,next\n1,0.5,0.1\n1,SECRET-CELL-9b2e,0.2\n1,0.3,0.4\n");
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port, Map.of(), "--set", "http.read.token=always")) {
            String token = ServeIT.token(home);
            Rest rest = new Rest(port, token);
            Rest.Reply created = rest.post("/jobs", Specs.json(Specs.TINY), true);
            assertEquals(201, created.status(), created.body());
            String id = created.json().path("id").asText();
            rest.awaitState(id, LIMIT, "succeeded");

            for (String path : List.of("/jobs", "/jobs?offset=0&limit=10", "/jobs/" + id, "/jobs/" + id + "/events", "/plugins")) {
                Rest.Reply anonymous = rest.get(path);
                assertEquals(401, anonymous.status(), path + ": " + anonymous.body());
                assertFalse(anonymous.body().contains(token) || anonymous.body().contains(id), path + ": " + anonymous.body());
                assertEquals(200, rest.get(path, true).status(), path);
            }
            Rest.Reply wrong = new Rest(port, token + "x").get("/jobs", true);
            assertEquals(401, wrong.status(), wrong.body());
            assertTrue(rest.get("/jobs", true).body().contains(id));

            for (String file : List.of("/etc/passwd", "conf/token", "/dev/zero")) {
                Rest.Reply r = rest.post("/jobs", Specs.json(CSV + "data.file=" + file), true);
                assertEquals(400, r.status(), file + ": " + r.body());
                List<String> where = new ArrayList<>();
                r.json().path("errors").forEach(e -> where.add(e.path("where").asText()));
                assertTrue(where.contains("data.file"), file + ": " + r.body());
                assertFalse(r.body().contains("root:") || r.body().contains(token), r.body());
            }

            for (String file : List.of("data/header-leak.csv", "data/cell-leak.csv")) {
                Rest.Reply r = rest.post("/jobs", Specs.json(CSV + "data.file=" + file), true);
                String shown = r.body();
                if (r.status() == 201) {
                    String job = r.json().path("id").asText();
                    JsonNode failed = rest.awaitState(job, LIMIT, "failed");
                    shown = failed.toString() + rest.get("/jobs/" + job + "/events", true).body();
                } else {
                    assertEquals(400, r.status(), file + ": " + r.body());
                }
                assertTrue(shown.contains(Path.of(file).getFileName().toString()), "the error names the file: " + shown);
                assertFalse(shown.contains("SECRET"), "file contents shown: " + shown);
            }
            assertFalse(rest.get("/jobs", true).body().contains("SECRET"));
        }
    }

    /**
     * On a server bound to loopback whose reads need no token, a request naming a foreign Host
     * (DNS rebinding) is refused and shows no job data; an answer to a foreign Origin, preflight or
     * not, never allows the page to read it (no Access-Control-Allow-Origin).
     */
    @Test
    void foreignHostAndOriginAreRefused() throws Exception {
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port)) {
            Rest rest = new Rest(port, ServeIT.token(home));
            String id = rest.post("/jobs", Specs.json(Specs.TINY), true).json().path("id").asText();
            rest.awaitState(id, LIMIT, "succeeded");

            RawHttp.Answer own = RawHttp.send(port, "GET", "/api/jobs", Map.of());
            assertEquals(200, own.status(), own.toString());
            assertTrue(own.body().contains(id), own.toString());
            for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port)) {
                RawHttp.Answer rebound = RawHttp.send(port, "GET", "/api/jobs", Map.of("Host", host));
                assertTrue(rebound.status() >= 400 && rebound.status() < 500, host + ": " + rebound);
                assertFalse(rebound.body().contains(id), host + ": " + rebound);
            }
            RawHttp.Answer cross = RawHttp.send(port, "GET", "/api/jobs", Map.of("Origin", "http://evil.example"));
            assertFalse(cross.headers().containsKey("access-control-allow-origin"), "a foreign page may read: " + cross);
            RawHttp.Answer preflight = RawHttp.send(port, "OPTIONS", "/api/jobs", Map.of("Origin", "http://evil.example",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"));
            assertFalse(preflight.headers().containsKey("access-control-allow-origin"), preflight.toString());
        }
    }

    // ---- (c) out of memory ----------------------------------------------------------------

    /** A spec the schema accepts but no heap here could hold is refused at validation, with the estimate. */
    @Test
    void jobBeyondTheMemoryEstimateIsRefusedAtValidation() throws Exception {
        try (EngramProcess p = run(Specs.TINY.replace("data.task=reber", "data.task=adding") + "data.length=1000000\n")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(Pattern.compile("(?i)(needs|memory|estimate)[^\\n]*\\d+(\\.\\d+)? ?[kMGTP]i?B").matcher(p.err()).find(),
                    "no estimate in\n" + p.transcript());
            assertTrue(p.out().lines().noneMatch(l -> l.startsWith("job-")), "nothing was queued\n" + p.transcript());
        }
    }

    /**
     * A job the estimate lets through (jobs.memory.fraction=1) that then runs out of memory making
     * its network: it ends FAILED saying so, a cancel is answered 409, and the server goes on serving
     * and running jobs.
     */
    @Test
    void jobRunningOutOfMemoryFailsAndTheServerKeepsServing() throws Exception {
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port, Map.of("ENGRAM_OPTS", SMALL_HEAP), "--set", "jobs.memory.fraction=1")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            Rest.Reply created = rest.post("/jobs", Specs.json(OUT_OF_MEMORY), true);
            assertEquals(201, created.status(), "the estimate lets it through: " + created.body());
            String id = created.json().path("id").asText();
            JsonNode failed = rest.awaitState(id, LIMIT, "failed", "succeeded", "cancelled");
            assertEquals("failed", failed.path("state").asText().toLowerCase(), failed.toString());
            assertTrue(failed.path("error").asText().toLowerCase().contains("memory"), failed.toString());
            assertEquals(409, rest.delete("/jobs/" + id).status());
            assertEquals(200, rest.get("/plugins", true).status());
            String next = rest.post("/jobs", Specs.json(Specs.TINY), true).json().path("id").asText();
            rest.awaitState(next, LIMIT, "succeeded");
            assertTrue(p.alive(), p.transcript());
        }
    }

    /** {@code engram run} of a job that runs out of memory ends, exit status 1, naming the failure. */
    @Test
    void runOfAJobOutOfMemoryExitsOne() throws Exception {
        try (EngramProcess p = run(Map.of("ENGRAM_OPTS", SMALL_HEAP), OUT_OF_MEMORY, "--set", "jobs.memory.fraction=1")) {
            assertEquals(1, p.waitFor(LIMIT), p.transcript());
            assertTrue(Pattern.compile("(?m)^engram: job-\\d+ FAILED: .*(?i:memory)").matcher(p.err()).find(), p.transcript());
        }
    }

    // ---- (d) records without bound --------------------------------------------------------

    /**
     * A job of {@value #STEPS} batch-1 steps keeps a record (its info and kept events, as JSON) under
     * {@value #RECORD_BOUND} bytes in the run store (a record of every progress event, rewritten each
     * epoch, came to 2.9 MB), and its
     * events are read a page at a time: every page within its limit, numbers rising, at most
     * {@value #RECENT} progress events kept, every epoch's end kept.
     */
    @Test
    void batchOneJobLeavesABoundedRecordAndPagedEvents() throws Exception {
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port, Map.of(), "--set", "jobs.events.recent=" + RECENT)) {
            Rest rest = new Rest(port, ServeIT.token(home));
            String spec = Specs.TINY.replace("trainer.batch.size=8", "trainer.batch.size=1")
                    .replace("trainer.epochs=2", "trainer.epochs=" + EPOCHS)
                    .replace("data.train.size=32", "data.train.size=" + STEPS / EPOCHS);
            String id = rest.post("/jobs", Specs.json(spec), true).json().path("id").asText();
            rest.awaitState(id, LIMIT, "succeeded");

            assertTrue(!Files.exists(home.resolve("data/jobs").resolve(id)), "the record is in the run store, not in files");
            long bytes = rest.get("/jobs/" + id, true).body().length();
            List<JsonNode> events = new ArrayList<>();
            long after = -1;
            while (true) {
                Rest.Reply page = rest.get("/jobs/" + id + "/events?after=" + after + "&limit=" + PAGE, true);
                assertEquals(200, page.status(), page.body());
                assertTrue(page.json().size() <= PAGE, "a page of " + page.json().size() + " events, limit " + PAGE);
                for (JsonNode e : page.json()) {
                    assertTrue(e.path("seq").asLong() > after, "numbers rise: " + e);
                    after = e.path("seq").asLong();
                    events.add(e);
                    bytes += e.toString().length();
                }
                if (page.json().size() < PAGE) {
                    break;
                }
            }
            long progress = events.stream().filter(e -> e.path("type").asText().equals("progress")).count();
            long epochs = events.stream().filter(e -> e.path("type").asText().equals("epoch")).count();
            System.out.printf("records: a job of %d batch-1 steps kept a record of %d bytes of JSON (%s; data/runs.mv.db %d bytes); "
                    + "%d events kept (%d progress, %d epoch ends), highest number %d%n", STEPS, bytes, id,
                    Files.size(home.resolve("data/runs.mv.db")), events.size(), progress, epochs, after);
            assertTrue(bytes > 0 && bytes < RECORD_BOUND, bytes + " bytes");
            assertTrue(progress > 0 && progress <= RECENT, progress + " progress events kept");
            assertEquals(EPOCHS, epochs);
            assertTrue(after >= STEPS, "every step was numbered: " + after);
            assertEquals("succeeded", events.get(events.size() - 1).path("state").asText());
        }
    }

    // ---- (e) failed writes and kill -9 ----------------------------------------------------

    /** A jobs.dir that cannot be created (its parent is a regular file) stops serve and run at start, naming it. */
    @Test
    void jobsDirThatCannotBeCreatedStopsStartUp() throws Exception {
        Files.writeString(home.resolve("blocker"), "a regular file\n");
        Path spec = Specs.write(tmp, "tiny-" + (runs++) + ".properties", Specs.TINY);
        List<List<String>> commands = List.of(List.of("serve", "--set", "jobs.dir=blocker/jobs"),
                List.of("run", spec.toString(), "--set", "jobs.dir=blocker/jobs"));
        for (List<String> args : commands) {
            try (EngramProcess p = EngramProcess.start(home, Map.of("ENGRAM_HTTP_PORT", Integer.toString(Installation.freePort())),
                    args.toArray(String[]::new))) {
                assertEquals(2, p.waitFor(Duration.ofSeconds(60)), args + "\n" + p.transcript());
                assertTrue(p.err().contains("jobs.dir"), args + "\n" + p.transcript());
            }
        }
        assertFalse(Files.isDirectory(home.resolve("blocker")));
    }

    /**
     * kill -9 of a server with one job running (checkpointing every epoch) and one queued: after a
     * restart the running one is queued again and resumes from its last checkpoint, which it names
     * and which exists; once it is cancelled the queued job runs to success.
     */
    @Test
    void killNineRequeuesTheQueuedJobAndResumesTheRunningOneFromItsCheckpoint() throws Exception {
        int port = Installation.freePort();
        String running;
        String queued;
        try (EngramProcess p = ServeIT.serve(home, port, Map.of(), "--set", "checkpoint.every.epochs=1")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            running = rest.post("/jobs", Specs.json(Specs.ENDLESS + "checkpoint=endless.ckpt"), true).json().path("id").asText();
            rest.awaitState(running, LIMIT, "running");
            awaitEpochs(rest, running, 2);
            Rest.Reply second = rest.post("/jobs", Specs.json(Specs.TINY), true);
            assertEquals(201, second.status(), second.body());
            queued = second.json().path("id").asText();
            assertEquals("queued", rest.get("/jobs/" + queued, true).json().path("state").asText().toLowerCase());
            p.kill();
        }
        try (EngramProcess again = ServeIT.serve(home, port)) {
            Rest rest = new Rest(port, ServeIT.token(home));
            JsonNode resumed = rest.awaitState(running, LIMIT, "running", "failed", "succeeded", "cancelled");
            assertEquals("running", resumed.path("state").asText().toLowerCase(), resumed.toString());
            String events = rest.get("/jobs/" + running + "/events", true).body();
            Matcher m = Pattern.compile("it resumes from its last checkpoint: ([^\\s\"]+)").matcher(events);
            assertTrue(m.find(), events);
            assertTrue(m.group(1).endsWith(running + "/last.ckpt"), "the job's own last checkpoint: " + m.group(1));
            assertTrue(exists(m.group(1)), "the checkpoint named does not exist: " + m.group(1));
            assertEquals(202, rest.delete("/jobs/" + running).status());
            assertEquals("cancelled", rest.awaitState(running, LIMIT, "cancelled", "failed", "succeeded")
                    .path("state").asText().toLowerCase());
            JsonNode requeued = rest.awaitState(queued, LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", requeued.path("state").asText().toLowerCase(), requeued.toString());
        }
    }

    private static void awaitEpochs(Rest rest, String id, int epochs) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Rest.Reply r = rest.get("/jobs/" + id, true);
            if (r.status() == 200 && r.json().path("metrics").path("epoch").asDouble() >= epochs) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not finish " + epochs + " epochs within " + LIMIT.toSeconds() + " s");
    }

    /** Whether a checkpoint a record names is a file: absolute, or relative to the model store or the installation. */
    private boolean exists(String named) {
        Path p = Path.of(named);
        return List.of(p, home.resolve("data/models").resolve(named), home.resolve(named)).stream()
                .anyMatch(f -> Files.isRegularFile(f) && f.toFile().length() > 0);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** {@code engram run} of {@code spec} written to a fresh file, with {@code args} after it. */
    private EngramProcess run(String spec, String... args) throws Exception {
        return run(Map.of(), spec, args);
    }

    /** {@code engram run} of {@code spec} with {@code env}, with {@code args} after the file. */
    private EngramProcess run(Map<String, String> env, String spec, String... args) throws Exception {
        Path file = Specs.write(tmp, "spec-" + (runs++) + ".properties", spec);
        List<String> cmd = new ArrayList<>(List.of("run", file.toString()));
        cmd.addAll(List.of(args));
        return EngramProcess.start(home, env, cmd.toArray(String[]::new));
    }

    /** Whether a line of {@code err} names {@code key} as the place of a problem. */
    static boolean names(String err, String key) {
        return err.lines().anyMatch(l -> l.startsWith(key + ": ") || l.contains(":" + key + " ") || l.startsWith(key + " "));
    }
}
