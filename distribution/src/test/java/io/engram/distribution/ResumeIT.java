package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code engram serve} while a job trains (checkpointing every epoch): after a restart
 * the job is queued again, resumes from its last checkpoint, and ends with the parameters of the
 * same spec run without interruption, bit for bit.
 */
class ResumeIT {
    private static final Duration LIMIT = Duration.ofSeconds(240);
    private static final String SPEC = """
            job.name=it-resume
            seed=11
            model.family=lstm
            model.hidden=8
            trainer=bptt
            trainer.epochs=12
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
    Path tmp;

    @Test
    void aJobKilledMidTrainingResumesAndEndsWithTheUninterruptedParameters() throws Exception {
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        String whole;
        String cut;
        try (EngramProcess p = ServeIT.serve(home, port, Map.of(), "--set", "checkpoint.every.epochs=1")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            whole = rest.post("/jobs", Specs.json(SPEC + "checkpoint=whole.ckpt"), true).json().path("id").asText();
            JsonNode done = rest.awaitState(whole, LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", done.path("state").asText().toLowerCase(), done.toString());
            cut = rest.post("/jobs", Specs.json(SPEC + "checkpoint=cut.ckpt"), true).json().path("id").asText();
            JsonNode running = awaitEpochs(rest, cut, 3);
            assertEquals("running", running.path("state").asText().toLowerCase(), running.toString());
            p.kill();
        }
        try (EngramProcess again = ServeIT.serve(home, port, Map.of(), "--set", "checkpoint.every.epochs=1")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            JsonNode resumed = rest.awaitState(cut, LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", resumed.path("state").asText().toLowerCase(), resumed.toString());
            String events = rest.get("/jobs/" + cut + "/events", true).body();
            assertTrue(events.contains("it resumes from its last checkpoint"), events);
            assertTrue(events.contains("resuming after epoch"), events);
            JsonNode first = rest.get("/jobs/" + whole, true).json();
            assertEquals(first.path("metrics").path("epoch").asDouble(), resumed.path("metrics").path("epoch").asDouble());
            assertArrayEquals(sections(first.path("checkpoint").asText(), home),
                    sections(resumed.path("checkpoint").asText(), home), "the parameters differ");
        }
    }

    /**
     * Everything of a checkpoint after its metadata block (which holds the time it was written):
     * the parameters' tensors, the payloads and the trainer state, byte for byte. The file must be a
     * version-3 checkpoint whose SHA-256 trailer matches (the platform's reader is not on this class
     * path, as it is not on the launcher's).
     */
    private static byte[] sections(String named, Path home) throws Exception {
        Path file = Path.of(named).isAbsolute() ? Path.of(named) : home.resolve("data/models").resolve(named);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("ENGRAMCK", new String(bytes, 0, 8, StandardCharsets.US_ASCII), file.toString());
        assertEquals(3, ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), file.toString());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, bytes.length - 32);
        assertArrayEquals(sha.digest(), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length), file.toString());
        int metadata = ByteBuffer.wrap(bytes, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(bytes, 16 + metadata, bytes.length - 32);
    }

    private static JsonNode awaitEpochs(Rest rest, String id, int epochs) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Rest.Reply r = rest.get("/jobs/" + id, true);
            if (r.status() == 200 && r.json().path("metrics").path("epoch").asDouble() >= epochs) {
                return r.json();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish " + epochs + " epochs within " + LIMIT.toSeconds() + " s");
    }
}
