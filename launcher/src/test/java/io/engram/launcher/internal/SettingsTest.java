package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsApplyWithoutAnyLayer() {
        Settings s = Settings.load(home, home.resolve("conf/engram.properties"), Map.of(), Map.of()).get();
        assertEquals("127.0.0.1", s.host());
        assertEquals(8686, s.port());
        assertEquals("", s.token());
        assertEquals(1048576, s.maxBodyBytes());
        assertEquals(home.resolve("data/jobs").toAbsolutePath(), s.jobsDir());
        assertEquals(1, s.concurrency());
        assertEquals(home.resolve("deploy").toAbsolutePath(), s.deployDir());
        assertEquals(500, s.pollMs());
    }

    @Test
    void laterLayersWin() throws IOException {
        Path conf = write("http.port=9000\njobs.concurrency=3\ndeploy.poll.ms=250\n");
        Settings s = Settings.load(home, conf,
                Map.of("ENGRAM_HTTP_PORT", "9100", "ENGRAM_JOBS_CONCURRENCY", "2", "ENGRAM_HOME", "/elsewhere", "PATH", "/bin"),
                Map.of("http.port", "9200")).get();
        assertEquals(9200, s.port());
        assertEquals(2, s.concurrency());
        assertEquals(250, s.pollMs());
    }

    @Test
    void everyProblemIsReportedWithItsSource() throws IOException {
        Path conf = write("# settings\nhttp.port=http\njobz.dir=x\n");
        List<String> problems = Settings.load(home, conf, Map.of("ENGRAM_JOBS_CONCURRENCY", "0"),
                Map.of("deploy.poll.ms", "fast", "colour", "red")).getError().toJavaList();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains(conf + ":3: unknown key jobz.dir (known: http.host, http.port, http.token, "
                + "http.max.body.bytes, jobs.dir, jobs.concurrency, deploy.dir, deploy.poll.ms)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("--set colour: unknown key")), problems.toString());
        assertTrue(problems.contains("http.port (" + conf + ":2): 'http' is not a whole number"), problems.toString());
        assertTrue(problems.contains("jobs.concurrency (ENGRAM_JOBS_CONCURRENCY): 0 is outside 1..1024"), problems.toString());
        assertTrue(problems.contains("deploy.poll.ms (--set): 'fast' is not a whole number"), problems.toString());
    }

    @Test
    void environmentNamesMapToDottedKeys() {
        assertEquals("http.max.body.bytes", Settings.envKey("ENGRAM_HTTP_MAX_BODY_BYTES"));
        assertNull(Settings.envKey("ENGRAM_"));
        assertNull(Settings.envKey("HTTP_PORT"));
    }

    private Path write(String text) throws IOException {
        Path conf = home.resolve("conf/engram.properties");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, text);
        return conf;
    }
}
