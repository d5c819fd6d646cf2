package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin settings and the start-up checks of {@code bin/engram}, as processes. */
class SettingsIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void aPluginSettingFromTheEnvironmentReachesTheBackend() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of("ENGRAM_BACKEND_CPU_THREADS", "2"),
                "bench", "--config", "lstm_small", "--mode", "infer", "--warmup", "1", "--reps", "1")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains(", 2 threads, f32"), p.transcript());
            assertTrue(p.out().contains("\"threads\":2,"), p.transcript());
        }
    }

    @Test
    void badPluginSettingsAreNamedWithTheirSourceAndThePluginsAreStillListed() throws Exception {
        Path home = Installation.copy(tmp);
        Files.writeString(home.resolve("conf/engram.properties"), "# test\nbackend.cpu.blas=fast\n", java.nio.file.StandardOpenOption.APPEND);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "--set", "backend.cpu.threads=two", "--set", "backend.gpu.threads=1",
                "plugins")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("engram: the plugin settings were rejected (2 problems):\n"
                    + "backend.cpu.threads (--set): 'two' is not a whole number (int)\n"
                    + "backend.gpu.threads (--set): no installed backend plugin 'gpu' has settings (PID io.engram.backend.gpu); "
                    + "backend plugins with settings: cpu, cuda, memristor\n"), p.transcript());
            // blas is text to the metatype: the backend itself refuses it and says why
            assertTrue(Pattern.compile("^cpu +backend +\\S+ +io\\.engram\\.backend\\.cpu +\\S+ +no: .*\\bblas\\b.*'fast'.*$", Pattern.MULTILINE).matcher(p.out()).find(), p.transcript());
        }
    }

    @Test
    void anUnwritableJobsDirStopsStartUpNamingTheKey() throws Exception {
        Path home = Installation.copy(tmp);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "--set", "jobs.dir=" + file.resolve("jobs"),
                "run", "examples/adding-lstm.properties")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertEquals("engram: jobs.dir: cannot create the directory " + file.resolve("jobs") + ": Not a directory\n", p.err(),
                    p.transcript());
        }
    }
}
