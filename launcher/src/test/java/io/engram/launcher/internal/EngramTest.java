package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngramTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int engram(Map<String, String> env, String... args) {
        return Engram.execute(new Home(home), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void missingSpecIsBadInputBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "run", home.resolve("nope.properties").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope.properties: no such file"));
    }

    @Test
    void badSettingsAreAllListedWithExitTwo() throws Exception {
        Files.createDirectories(home.resolve("system"));
        assertEquals(2, engram(Map.of("ENGRAM_HTTP_PORT", "70000"), "--set", "jobs.concurrency=x", "plugins"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("the settings were rejected (2 problems)"), text);
        assertTrue(text.contains("http.port (ENGRAM_HTTP_PORT): 70000 is outside 0..65535"), text);
        assertTrue(text.contains("jobs.concurrency (--set): 'x' is not a whole number"), text);
    }

    @Test
    void setAfterTheSubcommandCountsToo() throws Exception {
        Files.createDirectories(home.resolve("system"));
        assertEquals(2, engram(Map.of(), "plugins", "--set", "http.port=-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("http.port (--set): -1 is outside 0..65535"));
    }

    @Test
    void unknownSubcommandIsBadInput() {
        assertEquals(2, engram(Map.of(), "frobnicate"));
    }

    @Test
    void aBusyPortIsNamed() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String why = Engram.cannotListen("127.0.0.1", busy.getLocalPort()).orElseThrow();
            assertTrue(why.startsWith("cannot listen on 127.0.0.1:" + busy.getLocalPort() + " (http.host, http.port): "), why);
        }
        assertTrue(Engram.cannotListen("127.0.0.1", 0).isEmpty());
    }

    @Test
    void endpointPropertyMayBeAnArrayOrCollection() {
        assertEquals("http://127.0.0.1:1/", Engram.endpoint(new String[] {"http://127.0.0.1:1/"}));
        assertEquals("http://h:2/", Engram.endpoint(List.of("http://h:2/")));
        assertEquals("http://h:3/", Engram.endpoint("http://h:3/"));
    }

    @Test
    void benchRejectsAnUnknownFlagWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "bench", "--config", "lstm_small", "--frobnicate", "3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown options: '--frobnicate', '3'"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void benchRejectsAFlagWithoutItsValue() {
        assertEquals(2, engram(Map.of(), "bench", "--reps"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required parameter for option '--reps'"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sweepRejectsAMissingSpecOrCheckpointWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "sweep", "no-such-spec.properties"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-spec.properties: no such file"));
        assertEquals(2, engram(Map.of(), "sweep", "--checkpoint", "no-such.ckpt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such.ckpt: no such file"));
        assertEquals(2, engram(Map.of(), "sweep", "--bits"));
    }

    @Test
    void recallRejectsAMissingCheckpointOrCuesFileWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "recall", "no-such.ckpt", "cues.txt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such.ckpt: no such file"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, engram(Map.of(), "recall", "--steps", "x", "a.ckpt", "cues.txt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'x' is not an int"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenOptionsBecomeKeyValueArguments() {
        assertEquals(List.of("bits=2-8", "seed=3"),
                Engram.keyValues(new String[][] {{"bits", "2-8"}, {"noise", null}, {"seed", "3"}}));
    }

    @Test
    void benchFlagsBecomeKeyValueArguments() {
        assertEquals(List.of("config=lstm_small,gru_std", "threads=2", "reps=5"),
                Engram.benchArgs(List.of("lstm_small", "gru_std"), new String[][] {{"mode", null}, {"threads", "2"}, {"reps", "5"}}));
        assertEquals(List.of(), Engram.benchArgs(null, new String[][] {{"mode", null}}));
    }

    @Test
    void problemsAreCountedInTheRightNumber() {
        assertEquals("1 problem", Engram.problems(1));
        assertEquals("2 problems", Engram.problems(2));
    }

    @Test
    void exportAndImportRejectMissingFilesAndFamilyWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "export", "no-such.ckpt", "out.onnx"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such.ckpt: no such file"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, engram(Map.of(), "import", "no-such.onnx", "--family", "lstm", "out.ckpt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such.onnx: no such file"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, engram(Map.of(), "import", "model.onnx", "out.ckpt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required option: '--family=lstm|gru|elman'"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tuneRejectsAMissingSpecWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "tune", "no-such-search.properties"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-search.properties: no such file"));
        assertEquals(2, engram(Map.of(), "tune", "--trials"));
    }

    @Test
    void analyzeRejectsAMissingCheckpointOrInputsWithExitTwoBeforeAnythingBoots() {
        assertEquals(2, engram(Map.of(), "analyze", "no-such.ckpt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such.ckpt: no such file, and not a model reference"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, engram(Map.of(), "analyze", "--inputs", "no-such-inputs.txt", "model@1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-inputs.txt: no such file"),
                err.toString(StandardCharsets.UTF_8));
    }
}
