package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model registry end to end: a spec run twice is versions 1 and 2 of its model, listed, shown,
 * aliased; predictions over HTTP equal {@code engram predict}'s; checkpoints download with their
 * checksum and a bad upload is refused; and Ctrl-C during {@code engram run} keeps the last epoch's
 * state, from which {@code engram run --resume} ends with the parameters of the uninterrupted run.
 */
class ModelsIT {

    static final Duration LIMIT = Duration.ofSeconds(180);

    /** Long enough to be interrupted after a few epochs. */
    static final String LONG = """
            job.name=it-long
            seed=11
            model.family=lstm
            model.hidden=8
            trainer=bptt
            trainer.epochs=40
            trainer.batch.size=8
            trainer.optimizer=adam
            trainer.schedule=cosine
            data.app=grammar
            data.task=reber
            data.train.size=96
            data.validation.size=16
            data.test.size=8
            """;

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    private static EngramProcess engram(String... args) throws Exception {
        return EngramProcess.start(home, Map.of(), args);
    }

    private static String ok(String... args) throws Exception {
        try (EngramProcess p = engram(args)) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            return p.out();
        }
    }

    /** The number as {@code engram predict} prints it (six significant digits, trailing zeros cut). */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = String.format(Locale.ROOT, "%.6g", value);
        if (!s.contains("e") && s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }

    @Test
    void runsAreVersionsThatPredictOverHttpAsOnTheConsole() throws Exception {
        Path spec = Specs.write(tmp, "tiny.properties", Specs.TINY + "checkpoint=tiny.ckpt\n");
        String first = ok("run", spec.toString());
        assertTrue(first.contains("checkpoint: " + home.resolve("data/models/tiny/1/model.ckpt")), first);
        String second = ok("run", spec.toString());
        assertTrue(second.contains("checkpoint: " + home.resolve("data/models/tiny/2/model.ckpt")), second);
        byte[] v1 = Files.readAllBytes(home.resolve("data/models/tiny/1/model.ckpt"));

        String list = ok("models");
        assertTrue(Pattern.compile("(?m)^NAME +VERSION +ALIASES +FAMILY +CREATED +SOURCE +METRICS$").matcher(list).find(), list);
        assertTrue(Pattern.compile("(?m)^tiny +1 +lstm +\\S+ +job \\S+ .*validation\\.loss=").matcher(list).find(), list);
        assertTrue(Pattern.compile("(?m)^tiny +2 +lstm ").matcher(list).find(), list);

        assertEquals("tiny@production -> tiny@1\n", ok("models", "alias", "tiny@1", "production"));
        String show = ok("models", "show", "tiny@production");
        assertTrue(show.contains("model:      tiny@1\n"), show);
        assertTrue(Pattern.compile("sha256: +[0-9a-f]{64} \\(verified\\)").matcher(show).find(), show);
        assertTrue(show.contains("  checkpoint = tiny.ckpt\n"), show);
        try (EngramProcess p = engram("models", "show", "tiny@9")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("has no version 9 (versions: 1, 2)"), p.transcript());
        }

        Path input = Specs.write(tmp, "input.txt", """
                1,0,0,0,0,0,0; 0,1,0,0,0,0,0; 0,0,0,0,0,1,0
                1,0,0,0,0,0,0; 0,0,0,0,0,0,1
                """);
        List<String> console = ok("predict", "tiny@production", input.toString()).lines()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(2, console.size());
        assertEquals(console, ok("predict", home.resolve("data/models/tiny/1/model.ckpt").toString(),
                input.toString()).lines().filter(l -> !l.startsWith("#")).toList(), "a reference predicts as its file does");

        Path exported = tmp.resolve("export/tiny-1.ckpt");
        assertTrue(ok("models", "export", "tiny@1", exported.toString()).startsWith("exported tiny@1 to " + exported));
        assertArrayEquals(v1, Files.readAllBytes(exported));

        int port = Installation.freePort();
        try (EngramProcess server = ServeIT.serve(home, port)) {
            String token = ServeIT.token(home);
            Rest rest = new Rest(port, token);
            JsonNode models = rest.get("/models").json();
            assertEquals("tiny", models.get(0).path("name").asText(), models.toString());
            assertEquals(2, models.get(0).path("versions").size());
            assertEquals(1, models.get(0).path("aliases").path("production").asInt());

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/api/models/tiny";
            HttpResponse<String> predicted = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/predict?version=production")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(input))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, predicted.statusCode(), predicted.body());
            JsonNode answer = Rest.MAPPER.readTree(predicted.body());
            assertEquals("tiny@1", answer.path("model").asText());
            List<String> overHttp = new ArrayList<>();
            for (JsonNode seq : answer.path("outputs")) {
                List<String> steps = new ArrayList<>();
                for (JsonNode step : seq) {
                    List<String> values = new ArrayList<>();
                    step.forEach(v -> values.add(number(v.asDouble())));
                    steps.add(String.join(",", values));
                }
                overHttp.add(String.join("; ", steps));
            }
            assertEquals(console, overHttp, "the same outputs as engram predict");
            Rest.Reply json = rest.post("/models/tiny/predict?version=1",
                    "{\"sequences\": [[[1,0,0,0,0,0,0],[0,1,0,0,0,0,0],[0,0,0,0,0,1,0]]]}", false);
            assertEquals(200, json.status(), json.body());
            assertEquals(answer.path("outputs").get(0), json.json().path("outputs").get(0));

            HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create(base + "/1/checkpoint"))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(v1, download.body());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(v1)),
                    download.headers().firstValue("X-Checksum-SHA256").orElse(""));

            byte[] cut = Arrays.copyOf(v1, v1.length - 40);
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(cut)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("nothing stored"), refused.body());
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(base))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(v1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> uploaded = client.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(v1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            assertEquals(3, Rest.MAPPER.readTree(uploaded.body()).path("version").asInt());
        }
    }

    @Test
    void controlCKeepsTheLastEpochAndResumeEndsWithTheUninterruptedParameters() throws Exception {
        Path whole = Specs.write(tmp, "whole.properties", LONG + "checkpoint=whole.ckpt\n");
        String done = ok("run", whole.toString());
        Matcher wholeFile = Pattern.compile("(?m)^checkpoint: (.+)$").matcher(done);
        assertTrue(wholeFile.find(), done);

        Path cut = Specs.write(tmp, "cut.properties", LONG + "checkpoint=cut.ckpt\n");
        String id;
        try (EngramProcess p = engram("run", cut.toString())) {
            p.awaitOutput(out -> out.contains("epoch 3 "), LIMIT);
            new ProcessBuilder("kill", "-INT", Long.toString(p.javaPid())).start().waitFor();
            assertEquals(1, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains(" CANCELLED in "), p.transcript());
            Matcher resume = Pattern.compile("(?m)^resume with: engram run --resume (\\S+)$").matcher(p.out());
            assertTrue(resume.find(), p.transcript());
            id = resume.group(1);
            assertTrue(p.out().contains("checkpoint: " + home.resolve("data/jobs").resolve(id).resolve("last.ckpt")),
                    p.transcript());
        }
        String resumed = ok("run", "--resume", id);
        assertTrue(resumed.contains(" SUCCEEDED in "), resumed);
        Matcher resumedFile = Pattern.compile("(?m)^checkpoint: (.+)$").matcher(resumed);
        assertTrue(resumedFile.find(), resumed);
        assertTrue(resumedFile.group(1).endsWith("cut/1/model.ckpt"), resumed);
        assertArrayEquals(sections(Path.of(wholeFile.group(1).strip())), sections(Path.of(resumedFile.group(1).strip())),
                "the parameters differ from the uninterrupted run's");
        String resumedId = resumed.lines().findFirst().orElseThrow().split(" ")[0];
        try (EngramProcess p = engram("run", "--resume", resumedId)) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("job " + resumedId + " is SUCCEEDED; only a failed or cancelled job resumes"),
                    p.transcript());
        }
    }

    /** A version-3 checkpoint's sections after its metadata (which holds times): tensors, payloads, trainer state. */
    private static byte[] sections(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("ENGRAMCK", new String(bytes, 0, 8, StandardCharsets.US_ASCII), file.toString());
        int metadata = ByteBuffer.wrap(bytes, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(bytes, 16 + metadata, bytes.length - 32);
    }
}
